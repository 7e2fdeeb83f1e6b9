import { type ApiError, wordedApiError } from "../errors";
import { englishWords, type Phrase } from "../i18n/words";

/**
 * Why an import refuses a file (too large, not a sheet, no header row, too many rows), in English
 * for the API, the CLI and the logs; the import screen says the same phrases in its reader's
 * language (`locales/*.json`, same keys).
 */
export const IMPORT_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.import.tooLarge": "the file is larger than {{mb}} MB",
  "refusals.import.empty": "the file is empty",
  "refusals.import.notSheet": "the file is neither CSV text nor an XLSX workbook",
  "refusals.import.undecodable": "the file cannot be decoded",
  "refusals.import.noHeader": "the file has no header row: its first row must name the columns",
  "refusals.import.tooManyColumns": "the file has {{count}} columns; at most {{max}} can be imported: keep only the columns to import",
  "refusals.import.tooManyRows": "the file has more than {{max}} rows; import at most that many at a time",
  "refusals.import.badXlsx": "the XLSX file cannot be read: it is damaged or not a workbook",
  "refusals.import.noWorksheet": "the XLSX file has no worksheet",
  "refusals.import.longCell": "the CSV file has a cell or line longer than {{mb}} MB: is it really a sheet?",
  "refusals.import.badCsv": "the CSV file cannot be read: {{reason}}",
  "refusals.import.noColumnMatches": "no column of the file matches a field of {{table}}: name them by label or key, or send a mapping",
  "refusals.import.cell": '"{{text}}": {{problem}}',
  "refusals.import.nothingToUndo": "A dry run wrote nothing: there is nothing to undo.",
  "refusals.import.noFileColumn": 'mapping: the file has no column "{{header}}"',
  "refusals.import.notFillable": 'mapping: "{{field}}" is not a field of {{table}} you may fill in',
  "refusals.import.mappingJson": 'mapping is not valid JSON: e.g. {"Company": "name"}',
  "refusals.import.mappingShape": 'mapping must be an object of column header to field key: e.g. {"Company": "name"}',
  "refusals.import.noTable": 'There is no table "{{table}}"',
  "refusals.import.mode": "mode must be one of {{modes}}",
  "refusals.import.upsertKey": "upsert needs key: a unique field of {{table}} that matches rows to records",
  "refusals.import.noFile": 'file is missing: send the CSV or XLSX file as the multipart field "file"',
  "refusals.import.keyUnmapped": 'key: no column of the file maps to "{{field}}"',
  "refusals.import.noJob": 'there is no import job "{{id}}"',
  "refusals.import.unfinished": "Only a finished import can be undone; this one is {{state}}.",
  "refusals.import.states.queued": "queued",
  "refusals.import.states.running": "running",
  "refusals.import.states.done": "done",
  "refusals.import.states.failed": "failed",
  "refusals.import.states.cancelled": "cancelled",
  "refusals.import.tableGone": 'The table "{{table}}" no longer exists: this import cannot be undone.',
  "refusals.import.undone": "This import was already undone.",
  "refusals.import.undoRefused": "This import cannot be undone, nothing was changed: {{problems}}.",
  "refusals.import.undoRefusedMore": "This import cannot be undone, nothing was changed: {{problems}} and {{more}} more.",
  "refusals.import.recordGone": "{{label}} #{{id}} is gone",
  "refusals.import.recordChanged": "{{label}} #{{id}} ({{title}}) was changed since the import",
  "refusals.import.noAudit": "This import cannot be undone: the audit trail of {{label}} #{{id}} does not hold the import's changes.",
  "refusals.export.noTable": 'There is no table "{{table}}"',
  "refusals.export.tooManyColumns": "columns names at most {{max}} fields",
  "refusals.export.notVisible": 'columns: "{{field}}" is not a field of {{table}} you may see',
};
const english = englishWords(IMPORT_ENGLISH);
/** The English of the import phrases. */
export const importWords = english;

/** A refusal (`refusals.import.<key>`) whose English message is the catalog's. */
export const importRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}, details?: unknown): ApiError =>
  wordedApiError(status, english, importPhrase(key, values), details);

/** An import phrase (`refusals.import.<key>`), to go inside another. */
export const importPhrase = (key: string, values: Record<string, unknown> = {}): Phrase => ({ key: `refusals.import.${key}`, values });

/** An export's refusal (`refusals.export.<key>`) whose English message is the catalog's. */
export const exportRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}): ApiError =>
  wordedApiError(status, english, { key: `refusals.export.${key}`, values });
