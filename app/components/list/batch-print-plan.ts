/**
 * How a batch print is split and named. Without a PDF-merging library in the browser, up to
 * SINGLE_REQUEST_LIMIT records go in one request (one PDF); more are printed in parts of
 * CHUNK_SIZE, each its own file.
 */
export const SINGLE_REQUEST_LIMIT = 100;
export const CHUNK_SIZE = 100;

/** The requests to send: all ids at once up to the limit, else consecutive chunks. */
export function batchChunks(ids: readonly number[], limit = SINGLE_REQUEST_LIMIT, size = CHUNK_SIZE): number[][] {
  if (ids.length === 0) return [];
  if (ids.length <= limit) return [[...ids]];
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  return chunks;
}

/** `2026-11-24` in the browser's own time zone: the day the user sees on their calendar. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `Invoices 2026-11-24 (12).pdf`; a part of a larger batch: `Invoices 2026-11-24 (350) part 2 of 4.pdf`. */
export function batchFileName(pluralLabel: string, count: number, date: Date, part?: { index: number; of: number }): string {
  // eslint-disable-next-line no-control-regex
  const label = pluralLabel.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, " ").trim() || "Records";
  const suffix = part && part.of > 1 ? ` part ${part.index} of ${part.of}` : "";
  return `${label} ${localDay(date)} (${count})${suffix}.pdf`;
}

/** The server's `{ error }` message, else the status line: what a failed print says to the user. */
export async function responseError(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === "string" && body.error) return body.error;
  } catch {
    // Not JSON: fall through to the text or the status.
  }
  const plain = text.trim();
  if (plain && plain.length < 300 && !plain.startsWith("<")) return plain;
  return `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`;
}
