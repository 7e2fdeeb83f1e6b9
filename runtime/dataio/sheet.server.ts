import iconv from "iconv-lite";
import { scanSheet, sheetBatches } from "./sheet-stream.server";

/** An uploaded sheet held whole: its header row and its data rows, every cell as text. */
export interface Sheet {
  headers: string[];
  rows: string[][];
}

/** UTF-8 (with or without a BOM) when it decodes cleanly, otherwise Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), "win1252");
  }
}

/**
 * A small CSV or XLSX upload read whole, by the same streaming reader an import uses (told apart
 * by its bytes, never by its name): for callers that want every row at once.
 */
export async function parseSheet(bytes: Uint8Array): Promise<Sheet> {
  const source = async function* () {
    yield bytes;
  };
  const shape = await scanSheet(source);
  const rows: string[][] = [];
  for await (const batch of sheetBatches(source, shape)) rows.push(...batch);
  return { headers: shape.headers, rows };
}
