import { pipeline, Readable } from "node:stream";
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

async function* decoded(source: ByteSource, encoding: SheetShape["encoding"]): AsyncGenerator<string> {
  if (encoding === "win1252") {
    const decoder = iconv.getDecoder("win1252");
    for await (const chunk of source()) yield decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  // Fatal: a byte that is not UTF-8 means the file is Windows-1252 (the scan then reads it again).
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of source()) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

const isEmptyRow = (row: string[]) => row.every((c) => c.trim() === "");

function csvError(error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  if (error instanceof Error && typeof code === "string" && code.startsWith("CSV_")) {
    if (code === "CSV_MAX_RECORD_SIZE") return importRefusal(400, "longCell", { mb: MAX_CELL_CHARS / 1024 / 1024 });
    return importRefusal(400, "badCsv", { reason: error.message.replace(/\s+/g, " ").slice(0, 200) });
  }
  if (error instanceof TypeError && /decode|encoded data/i.test(error.message)) return new NotUtf8();
  return error;
}

class NotUtf8 extends Error {}

/** Every row of a CSV, the header first, as trimmed-or-not text cells exactly as csv-parse reads them. */
async function* csvRecords(source: ByteSource, shape: Pick<SheetShape, "encoding" | "delimiter">): AsyncGenerator<string[]> {
  const parser = parse({
    delimiter: shape.delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    max_record_size: MAX_CELL_CHARS,
  });
  let failed: unknown = null;
  pipeline(Readable.from(decoded(source, shape.encoding)), parser, (error) => {
    if (error) failed = error;
  });
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    throw csvError(failed ?? error);
  }
  if (failed) throw csvError(failed);
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

/** The first worksheet's rows, the header first; cells as text (dates as ISO dates). */
async function* xlsxRecords(source: ByteSource): AsyncGenerator<string[]> {
  const { stream } = await loadExcelJS();
  const reader = new stream.xlsx.WorkbookReader(Readable.from(source()), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  let width = 0;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
        if (width === 0) width = row.cellCount;
        const cells: string[] = [];
        for (let c = 1; c <= Math.max(width, 1); c++) cells.push(cellText(row.getCell(c).value).trim());
        yield cells;
      }
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw importRefusal(400, "badXlsx");
  }
  if (width === 0) throw importRefusal(400, "noWorksheet");
}

function records(source: ByteSource, shape: Pick<SheetShape, "format" | "encoding" | "delimiter">): AsyncGenerator<string[]> {
  return shape.format === "xlsx" ? xlsxRecords(source) : csvRecords(source, shape);
}

/** The data rows of a scanned sheet, from the `skip`th on (a resumed import), empty rows left out. */
export async function* sheetRows(source: ByteSource, shape: SheetShape, skip = 0): AsyncGenerator<string[]> {
  let header = true;
  let seen = 0;
  for await (const row of records(source, shape)) {
    if (header) {
      header = false;
      continue;
    }
    if (isEmptyRow(row)) continue;
    if (seen++ < skip) continue;
    yield row;
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
  for await (const row of records(source, shape)) {
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
