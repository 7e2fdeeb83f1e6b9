import { badQuery, queryRefusal } from "./query-words";

/**
 * The parameters of a records request as they arrive (path, query string, If-Match header),
 * checked and turned into values, or refused with a message that says what was expected. Pure.
 */

export function parseId(raw: unknown): number {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw badQuery("query.recordId", { value: String(raw).slice(0, 40) });
  return n;
}

/** The version an update was made on: `3`, `"3"`, or an ETag as sent back (`"3"`, `W/"3"`). */
export function parseVersion(raw: unknown): number {
  const s = typeof raw === "string" ? raw.replace(/^W\//, "").replace(/"/g, "") : raw;
  const n = typeof s === "number" ? s : typeof s === "string" && /^\d{1,12}$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw queryRefusal(428, "query.ifMatch");
  return n;
}

/** A page number or size: absent means `fallback`, more than `max` means `max`. */
export function positiveInt(raw: unknown, name: string, fallback: number, max: number): number {
  if (raw === undefined || raw === null || raw === "") return fallback;
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw badQuery("query.wholeNumber", { name });
  return Math.min(n, max);
}

/** The relation fields to answer with their titles: `client,contract` or an array. */
export function parseExpand(raw: unknown): string[] {
  if (raw === undefined || raw === null || raw === "") return [];
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === "string") return raw.split(",").filter(Boolean).slice(0, 20);
  throw badQuery("query.expand");
}

export function parseJsonParam(raw: string, name: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw badQuery("query.notJson", { name });
  }
}
