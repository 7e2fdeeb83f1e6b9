import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { badRequest } from "../errors";

/** An uploaded sheet: its header row and its data rows, every cell as text. */
export interface Sheet {
  headers: string[];
  rows: string[][];
}

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;
/** No table has this many fields: a wider file is a mistake or an attack, refused before mapping. */
export const MAX_IMPORT_COLUMNS = 500;
const DELIMITERS = [",", ";", "\t", "|"];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** UTF-8 (with or without a BOM) when it decodes cleanly, otherwise Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), "win1252");
  }
}

/** The delimiter of the header line: the candidate it holds most of, outside quotes. */
function sniffDelimiter(text: string): string {
  const line = text
    .slice(0, 10_000)
    .split(/\r?\n/)[0]
    .replace(/"[^"]*"/g, "");
  let best = ",";
  let most = 0;
  for (const d of DELIMITERS) {
    const n = line.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

function toSheet(table: string[][]): Sheet {
  const [headers, ...rows] = table;
  if (!headers || headers.every((h) => !h.trim())) throw badRequest("the file has no header row: its first row must name the columns");
  if (rows.length > MAX_IMPORT_ROWS) throw badRequest(`the file has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`);
  if (headers.length > MAX_IMPORT_COLUMNS)
    throw badRequest(
      `the file has ${headers.length} columns; at most ${MAX_IMPORT_COLUMNS} can be imported: keep only the columns to import`,
    );
  return { headers: headers.map((h) => h.trim()), rows: rows.filter((r) => r.some((c) => c.trim() !== "")) };
}

export function parseCsv(bytes: Uint8Array): Sheet {
  const text = decodeText(bytes);
  try {
    return toSheet(
      parse(text, { delimiter: sniffDelimiter(text), relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][],
    );
  } catch (error) {
    if (error instanceof Error && "code" in error && String((error as { code: unknown }).code).startsWith("CSV_"))
      throw badRequest(`the CSV file cannot be read: ${error.message.replace(/\s+/g, " ").slice(0, 200)}`);
    throw error;
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().endsWith("T00:00:00.000Z") ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}

export async function parseXlsx(bytes: Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw badRequest("the XLSX file cannot be read: it is damaged or not a workbook");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badRequest("the XLSX file has no worksheet");
  const table: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim());
    table.push(cells);
  });
  return toSheet(table);
}

/** A CSV or XLSX upload, told apart by its bytes (an XLSX is a zip), never by its name alone. */
export async function parseSheet(bytes: Uint8Array): Promise<Sheet> {
  if (bytes.length === 0) throw badRequest("the file is empty");
  if (bytes.length > MAX_IMPORT_BYTES) throw badRequest(`the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return parseXlsx(bytes);
  if (bytes.subarray(0, 4096).includes(0)) throw badRequest("the file is neither CSV text nor an XLSX workbook");
  return parseCsv(bytes);
}
