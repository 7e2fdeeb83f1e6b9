import type ExcelJS from "exceljs";

/**
 * exceljs, loaded on the first spreadsheet read or written: it takes a fifth of a second to load,
 * which every start of the CLI and the server paid for a feature most runs never use.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}
