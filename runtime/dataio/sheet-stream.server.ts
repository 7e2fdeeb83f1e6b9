import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type ExcelJS from "exceljs";
import { loadExcelJS } from "./exceljs.server";
import iconv from "iconv-lite";
import { ApiError } from "../errors";
import { importRefusal } from "./import-words";

/**
 * A sheet read as a stream of rows, whatever its size: an import never holds the file, only the
 * row it is on (and csv-parse's or exceljs's buffers). The upload is read twice: once when it
 * arrives (`scanSheet`: is it a sheet at all, its encoding, delimiter, headers and row count, so a
 * bad file is a 400 before any job exists), and again by the job (`sheetRows`).
 */

/** Where a sheet's bytes come from; called again for each read. */
export type ByteSource = () => AsyncIterable<Uint8Array>;

export interface SheetShape {
  format: "csv" | "xlsx";
  encoding: "utf-8" | "win1252";
  delimiter: string;
  headers: string[];
  /** Data rows with at least one cell filled in. */
  rows: number;
}

/** No table has this many fields: a wider file is a mistake or an attack, refused before mapping. */
export const MAX_IMPORT_COLUMNS = 500;
/** A cell (or a CSV line) longer than this is a mistake or an attack, not data. */
export const MAX_CELL_CHARS = 1024 * 1024;
export const MAX_SHEET_BYTES = 512 * 1024 * 1024;
export const MAX_SHEET_ROWS = 5_000_000;
const DELIMITERS = [",", ";", "\t", "|"];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

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

/**
 * The sheet as the CSV parser takes it: Windows-1252 decoded to text; UTF-8 as its bytes, checked
 * (csv-parse decodes UTF-8 itself, so decoding here would cost a copy of the file as text and
 * another back into bytes). A byte sequence that is not UTF-8 means the file is Windows-1252:
 * `NotUtf8`, and the scan reads it again as that.
 */
async function* decoded(source: ByteSource, encoding: SheetShape["encoding"]): AsyncGenerator<string | Buffer> {
  if (encoding === "win1252") {
    const decoder = iconv.getDecoder("win1252");
    for await (const chunk of source()) yield decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  let carried: Buffer | null = null;
  for await (const chunk of source()) {
    const bytes: Buffer = carried ? Buffer.concat([carried, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // A character cut by the end of the chunk waits for the rest of it.
    const end = wholeCharacters(bytes);
    if (!isUtf8(bytes.subarray(0, end))) throw new NotUtf8();
    carried = end < bytes.length ? bytes.subarray(end) : null;
    if (end > 0) yield bytes.subarray(0, end);
  }
  if (carried) throw new NotUtf8();
}

/** Where the last character of `bytes` begins when it is cut short by their end, else their length. */
function wholeCharacters(bytes: Buffer): number {
  let start = bytes.length - 1;
  while (start >= 0 && bytes.length - start < 4 && (bytes[start] & 0xc0) === 0x80) start--;
  if (start < 0) return bytes.length;
  const lead = bytes[start];
  const length = lead < 0x80 ? 1 : (lead & 0xe0) === 0xc0 ? 2 : (lead & 0xf0) === 0xe0 ? 3 : (lead & 0xf8) === 0xf0 ? 4 : 1;
  return bytes.length - start < length ? start : bytes.length;
}

const isEmptyRow = (row: string[]) => row.every((c) => c.trim() === "");

function csvError(error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  if (error instanceof Error && typeof code === "string" && code.startsWith("CSV_")) {
    if (code === "CSV_MAX_RECORD_SIZE") return importRefusal(400, "longCell", { mb: MAX_CELL_CHARS / 1024 / 1024 });
    return importRefusal(400, "badCsv", { reason: error.message.replace(/\s+/g, " ").slice(0, 200) });
  }
  return error;
}

class NotUtf8 extends Error {}

/** Bytes (or characters) handed to the CSV parser at a time: the rows it completes come back together, a few hundred. */
const SLICE = 64 * 1024;
/** Rows an XLSX batch. */
const XLSX_BATCH = 1000;

/**
 * Every row of a CSV, the header first, as trimmed-or-not text cells exactly as csv-parse reads
 * them, in arrays of the rows each slice of text completes: the parser is written and read in
 * turn, so a row costs no promise of its own (an async iterator per row was a visible share of a
 * large import's CPU).
 */
async function* csvBatches(source: ByteSource, shape: Pick<SheetShape, "encoding" | "delimiter">): AsyncGenerator<string[][]> {
  const parser = parse({
    delimiter: shape.delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    max_record_size: MAX_CELL_CHARS,
  });
  // A parse error destroys the parser at once, in `write`; it is read from `errored` there.
  parser.on("error", () => {});
  const take = (): string[][] => {
    const out: string[][] = [];
    for (let row = parser.read() as string[] | null; row !== null; row = parser.read() as string[] | null) out.push(row);
    if (parser.errored) throw parser.errored;
    return out;
  };
  try {
    for await (const piece of decoded(source, shape.encoding)) {
      for (let i = 0; i < piece.length; i += SLICE) {
        parser.write(piece.length <= SLICE ? piece : typeof piece === "string" ? piece.slice(i, i + SLICE) : piece.subarray(i, i + SLICE));
        const rows = take();
        if (rows.length) yield rows;
      }
    }
    parser.end();
    const rows = take();
    // What the end flushed (the last line, when the file does not end with a newline).
    for await (const row of parser) rows.push(row as string[]);
    if (rows.length) yield rows;
  } catch (error) {
    throw csvError(error);
  } finally {
    parser.destroy();
  }
}

export function cellText(value: ExcelJS.CellValue): string {
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

/** The first worksheet's rows, the header first, a thousand at a time; cells as text (dates as ISO dates). */
async function* xlsxBatches(source: ByteSource): AsyncGenerator<string[][]> {
  const { stream } = await loadExcelJS();
  const reader = new stream.xlsx.WorkbookReader(Readable.from(source()), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  let width = 0;
  let batch: string[][] = [];
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
        if (width === 0) width = row.cellCount;
        const cells: string[] = [];
        for (let c = 1; c <= Math.max(width, 1); c++) cells.push(cellText(row.getCell(c).value).trim());
        batch.push(cells);
        if (batch.length === XLSX_BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw importRefusal(400, "badXlsx");
  }
  if (width === 0) throw importRefusal(400, "noWorksheet");
}

/** Every row, the header first, in batches of the parser's making. */
function recordBatches(source: ByteSource, shape: Pick<SheetShape, "format" | "encoding" | "delimiter">): AsyncGenerator<string[][]> {
  return shape.format === "xlsx" ? xlsxBatches(source) : csvBatches(source, shape);
}

/**
 * The data rows of a scanned sheet, from the `skip`th on (a resumed import), empty rows left out,
 * in batches of any size (the parser's: a few hundred rows).
 */
export async function* sheetBatches(source: ByteSource, shape: SheetShape, skip = 0): AsyncGenerator<string[][]> {
  let header = true;
  let seen = 0;
  for await (const batch of recordBatches(source, shape)) {
    const rows: string[][] = [];
    for (const row of batch) {
      if (header) {
        header = false;
        continue;
      }
      if (isEmptyRow(row)) continue;
      if (seen++ < skip) continue;
      rows.push(row);
    }
    if (rows.length) yield rows;
  }
}

async function firstBytes(source: ByteSource, n: number): Promise<{ head: Uint8Array; size: number }> {
  const parts: Uint8Array[] = [];
  let have = 0;
  let size = 0;
  for await (const chunk of source()) {
    size += chunk.byteLength;
    if (have < n) {
      parts.push(chunk);
      have += chunk.byteLength;
    }
    if (size > MAX_SHEET_BYTES) throw importRefusal(413, "tooLarge", { mb: MAX_SHEET_BYTES / 1024 / 1024 });
  }
  return { head: Buffer.concat(parts).subarray(0, n), size };
}

/**
 * Reads the whole upload once: what it is, how to read it, and that it can be read to its end.
 * A CSV that is not UTF-8 is read as Windows-1252, as Excel writes it.
 */
export async function scanSheet(source: ByteSource): Promise<SheetShape> {
  const { head, size } = await firstBytes(source, 16 * 1024);
  if (size === 0) throw importRefusal(400, "empty");
  const xlsx = ZIP_MAGIC.every((b, i) => head[i] === b);
  if (!xlsx && head.subarray(0, 4096).includes(0)) throw importRefusal(400, "notSheet");
  const latin = iconv.decode(Buffer.from(head), "win1252");
  const base = { format: xlsx ? "xlsx" : "csv", delimiter: sniffDelimiter(latin.replace(/^\uFEFF|^ï»¿/, "")) } as const;
  for (const encoding of ["utf-8", "win1252"] as const) {
    try {
      return await count(source, { ...base, encoding });
    } catch (error) {
      if (!(error instanceof NotUtf8)) throw error;
    }
  }
  throw importRefusal(400, "undecodable");
}

async function count(source: ByteSource, shape: Omit<SheetShape, "headers" | "rows">): Promise<SheetShape> {
  let headers: string[] | null = null;
  let rows = 0;
  for await (const batch of recordBatches(source, shape))
    for (const row of batch) {
      if (!headers) {
        if (isEmptyRow(row)) throw importRefusal(400, "noHeader");
        if (row.length > MAX_IMPORT_COLUMNS) throw importRefusal(400, "tooManyColumns", { count: row.length, max: MAX_IMPORT_COLUMNS });
        headers = row.map((h) => h.trim());
        continue;
      }
      if (isEmptyRow(row)) continue;
      if (++rows > MAX_SHEET_ROWS) throw importRefusal(400, "tooManyRows", { max: MAX_SHEET_ROWS });
    }
  if (!headers) throw importRefusal(400, "noHeader");
  return { ...shape, headers, rows };
}
