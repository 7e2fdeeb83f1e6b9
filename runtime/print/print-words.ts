import { type ApiError, wordedApiError } from "../errors";
import { englishWords, type Phrase } from "../i18n/words";

/**
 * What printing, print templates and Word templates say when they refuse, in English for the API,
 * the CLI and the logs; the print screens and designers say the same phrases in their reader's
 * language (`locales/*.json`, same keys).
 */
export const PRINT_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.print.noJob": 'there is no print job "{{job}}": it may have expired; print again',
  "refusals.print.jobExpired":
    'the file of print job "{{job}}" has expired: finished files are kept {{minutes}} minutes, and only your newest {{files}}; print again',
  "refusals.print.idsOnly": "this server prints chosen ids only: send ids",
  "refusals.print.tooMany":
    "a print job takes at most {{max}} records and {{count}} were chosen: narrow the list with a filter and print it in parts",
  "refusals.print.notOffered":
    "the template is not offered for any of the {{count}} records that match: its condition does not hold for them; choose another template or change the filter",
  "refusals.print.notOfferedAbout":
    "the template is not offered for any of the about {{count}} records that match: its condition does not hold for them; choose another template or change the filter",
  "refusals.print.noMatch": "no records match: change the filter or the search, then print again",
  "refusals.print.chooseIds": "ids must be a non-empty list of record ids: select the records to print",
  "refusals.print.idsWhole": "ids must be positive whole numbers (record ids)",
  "refusals.print.format": 'format must be "pdf" (one file) or "zip" (one file per record)',
  "refusals.print.jobsRunning": "you already have {{count}} print jobs running: wait for one to finish or cancel it, then print again",
  "refusals.print.jobUnfinished": "the print job is not finished yet ({{done}} of {{total}} printed): wait until it is done",
  "refusals.print.jobCanceled": "the print job was canceled and has no file: print again",
  "refusals.print.jobFailed": "the print job failed and has no file: print again",
  "refusals.print.jobFailedShort": "the print job failed: print again",
  "refusals.print.stopped": "printing stopped after {{done}} of {{total}}: {{why}}",
  "refusals.print.rendererFailed":
    "the PDF renderer failed (the server log has the details); try again in a moment, and report it if it happens again",
  "refusals.print.internalFailure":
    "an internal error stopped it (the server log has the details); try again, and report it if it happens again",
  "refusals.print.nothingPrinted": "nothing was printed: the template's condition does not hold for {{names}}",
  "refusals.print.nothingPrintedMore": "nothing was printed: the template's condition does not hold for {{names}} and {{more}} more",
  "refusals.print.fileEmpty": "the file is empty",
  "refusals.print.docxTooLarge": "a Word template may be at most 10 MB",
  "refusals.print.notZip": "the file is not a Word document (.docx): it is not a zip archive",
  "refusals.print.noDocumentXml": "the file is not a Word document (.docx): it has no word/document.xml",
  "refusals.print.docxUnpacks": "the Word document unpacks to more than {{mb}} MB",
  "refusals.print.docxUnreadable": "the Word document could not be read",
  "refusals.print.docxProblems_one": "the Word template has a problem: {{problems}}",
  "refusals.print.docxProblems_other": "the Word template has {{count}} problems: {{problems}}",
  "refusals.print.docxName": "give the Word template a name of 1 to 120 characters",
  "refusals.print.docxNoTable": 'there is no table "{{table}}" to fill the Word template for',
  "refusals.print.noDocx": 'there is no Word template "{{id}}"',
  "refusals.print.docxTableGone": 'the Word template "{{name}}" fills a table that no longer exists',
  "refusals.print.docxUnfilled": 'the Word template "{{name}}" could not be filled: {{problems}}',
  "refusals.print.noTableToPrint": 'there is no table "{{table}}" to print',
  "refusals.print.liquidError": "the template's {{part}} has a Liquid error: {{error}}",
  "refusals.print.badCondition": "the condition is not valid: {{error}}",
  "refusals.print.badLanguageFrom": 'the document language cannot come from "{{field}}": {{problem}}',
  "refusals.print.noTemplate": 'there is no print template "{{id}}"',
  "refusals.print.templateObject": "a print template must be a JSON object with table, name, html, css and page",
  "refusals.print.templateName": "a template's name must be non-empty text",
  "refusals.print.changesObject": "send the changed parts of the template as a JSON object",
  "refusals.print.templateProblems": 'the print template "{{name}}" {{problems}}: fix it in the print designer',
  "refusals.print.templateTableGone": 'the print template "{{name}}" prints "{{table}}", a table that no longer exists',
  "refusals.print.conditionFails": '"{{name}}" is not offered for {{records}}: its condition does not hold',
  "refusals.print.noTable": 'there is no table "{{table}}"',
  "refusals.print.batchIds": "ids must be a non-empty list of record ids",
  "refusals.print.batchMax": "a batch prints at most {{max}} records at once",
  "refusals.print.draftObject": "send the draft template as a JSON object with table, name, html, css and page",
  "refusals.print.fillTime":
    "filling in the template took longer than {{seconds}} s and was stopped: look for loops over large ranges or loops inside loops, and print less per document",
  "refusals.print.fillMemory":
    "filling in the template needed more than {{mb}} MB and was stopped: look for loops over large ranges or loops inside loops that repeat a lot of text",
  "refusals.print.unfilled": "the template could not be filled in ({{liquid}}): {{hint}}",
  "refusals.print.hints.fix": "fix it in the print designer",
  "refusals.print.hints.slow": "it takes too long to fill in: look for loops over large ranges or loops inside loops",
  "refusals.print.hints.big": "it builds too much: look for loops over large ranges or loops inside loops",
  "refusals.print.hints.include":
    "a print template cannot include other files ({% include %}, {% render %}, {% layout %}): put that markup in the template itself",
  "refusals.print.misplacedLiquid":
    'the template\'s {{part}} has Liquid inside a tag, outside any attribute value ({{tags}}): Liquid may stand in text and in attribute values, so write e.g. class="{% if … %}wide{% endif %}" instead',
  "refusals.print.timeout":
    "printing took longer than {{seconds}} s and was stopped: the document is too large to print at once (many pages or large images); print fewer records together, or use smaller images in the template and records",
  "refusals.print.chooseTable": "choose the table the template prints",
  "refusals.print.sendDocx": 'send the .docx file in the field "file"',
};
/** English of the print phrases. */
export const printWords = englishWords(PRINT_ENGLISH);

/** A print phrase (`refusals.print.<key>`). */
export const printPhrase = (key: string, values: Record<string, unknown> = {}): Phrase => ({ key: `refusals.print.${key}`, values });

/** A refusal whose English message is the catalog's. */
export const printRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}, details?: unknown): ApiError =>
  wordedApiError(status, printWords, printPhrase(key, values), details);
