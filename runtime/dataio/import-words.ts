import { type ApiError, wordedApiError } from "../errors";
import { englishWords } from "../i18n/words";

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
  "refusals.import.nothingToUndo": "A dry run wrote nothing: there is nothing to undo.",
};
const english = englishWords(IMPORT_ENGLISH);

/** A refusal (`refusals.import.<key>`) whose English message is the catalog's. */
export const importRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}): ApiError =>
  wordedApiError(status, english, { key: `refusals.import.${key}`, values });
