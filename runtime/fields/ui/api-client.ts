import type { FileValue } from "../files";
import type { RecordRefValue } from "../ui-types";
import { isPhrase, type Phrase } from "../../i18n/words";

/** What an API call answered that the widget can act on; anything else is a thrown error. */
export type CreateResult =
  | { ok: true; record: Record<string, unknown> & { id: number } }
  | { ok: false; status: number; message: string; fieldErrors: Record<string, string> };

/** Same-origin paths, made absolute where a base is known (a browser, or jsdom under test). */
function apiUrl(path: string): string {
  return typeof window !== "undefined" && window.location ? new URL(path, window.location.href).toString() : path;
}

/** The session's CSRF token from `<meta name="csrf-token">` (app/root.tsx), sent with every change. */
function csrfHeader(): Record<string, string> {
  const token = typeof document !== "undefined" ? document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content : undefined;
  return token ? { "X-CSRF-Token": token } : {};
}

function csrfInit(): { headers?: Record<string, string> } {
  const headers = csrfHeader();
  return Object.keys(headers).length ? { headers } : {};
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function errorMessage(body: Record<string, unknown>, status: number): string {
  return typeof body.error === "string" ? body.error : `The server answered ${status}`;
}

/** A refused call as an error that carries the refusal's phrase (`words`), for `sayError` to say in the reader's language. */
function refused(body: Record<string, unknown>, status: number): Error {
  const error = new Error(errorMessage(body, status)) as Error & { phrase?: Phrase };
  if (isPhrase(body.words)) error.phrase = body.words;
  return error;
}

export async function lookupRecords(target: string, q: string, signal?: AbortSignal): Promise<RecordRefValue[]> {
  const response = await fetch(apiUrl(`/api/lookup/${encodeURIComponent(target)}?q=${encodeURIComponent(q)}`), {
    headers: { accept: "application/json" },
    signal,
  });
  const body = await readJson(response);
  if (!response.ok) throw new Error(errorMessage(body, response.status));
  const rows = Array.isArray(body.rows) ? body.rows : [];
  return rows
    .filter((row): row is { id: number; title?: unknown } => typeof row?.id === "number")
    .map((row) => ({ id: row.id, title: typeof row.title === "string" && row.title !== "" ? row.title : `#${row.id}` }));
}

/** One record as `GET /api/t/<table>/<id>` answers it (what the role may see), or null when it cannot be read. */
export async function fetchRecord(target: string, id: number): Promise<Record<string, unknown> | null> {
  const response = await fetch(apiUrl(`/api/t/${encodeURIComponent(target)}/${id}`), { headers: { accept: "application/json" } });
  if (!response.ok) return null;
  return readJson(response);
}

export async function createRecord(target: string, values: Record<string, unknown>): Promise<CreateResult> {
  const response = await fetch(apiUrl(`/api/t/${encodeURIComponent(target)}`), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...csrfHeader() },
    body: JSON.stringify(values),
  });
  const body = await readJson(response);
  if (response.ok && typeof body.id === "number") return { ok: true, record: body as Record<string, unknown> & { id: number } };
  const details = body.details as { fields?: unknown } | undefined;
  const fields = details?.fields && typeof details.fields === "object" ? (details.fields as Record<string, string>) : {};
  return { ok: false, status: response.status, message: errorMessage(body, response.status), fieldErrors: fields };
}

export function isFileValue(value: unknown): value is FileValue {
  if (!value || typeof value !== "object") return false;
  const v = value as Partial<FileValue>;
  return typeof v.id === "string" && typeof v.name === "string" && typeof v.size === "number" && typeof v.type === "string";
}

export async function uploadFile(file: Blob, fileName: string): Promise<FileValue> {
  const form = new FormData();
  form.append("file", file, fileName);
  const response = await fetch(apiUrl("/api/files"), { method: "POST", body: form, ...csrfInit() });
  const body = await readJson(response);
  if (!response.ok) throw refused(body, response.status);
  if (!isFileValue(body)) throw new Error("The server did not say which file it stored");
  return { id: body.id, name: body.name, size: body.size, type: body.type };
}
