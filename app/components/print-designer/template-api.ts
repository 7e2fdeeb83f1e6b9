import type { PageSettings } from "@runtime/print/template";
import type { ExportedTemplate } from "@print-designer/plugins/commands";
import { answeredError, type Words } from "@runtime/i18n/words";

/** What the designer sends: the template as designed so far. */
export interface TemplateDraft extends ExportedTemplate {
  table: string;
  name: string;
  page: PageSettings;
  condition: unknown;
  languageFrom: string | null;
  language: string | null;
}

/** The server answered with what was asked, could not be reached, or refused, saying why. */
export type Answer<T> = { kind: "ok"; value: T } | { kind: "unreachable" | "refused"; message: string };

/** The server's own message, or (`t`) that it answered with a bare status. */
async function errorText(response: Response, t: Words): Promise<string> {
  const bare = t("printDesigner.serverAnswered", { status: response.status });
  try {
    return answeredError(await response.json(), t, bare);
  } catch {
    return bare;
  }
}

async function send(url: string, method: string, body: unknown, t: Words): Promise<Answer<Response>> {
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }).catch((error: Error) => error);
  if (response instanceof Error) return { kind: "unreachable", message: response.message };
  if (!response.ok) return { kind: "refused", message: await errorText(response, t) };
  return { kind: "ok", value: response };
}

/** Stores the draft over the template (its table stays what it was). */
export async function saveTemplate(id: string, draft: TemplateDraft, t: Words): Promise<Answer<null>> {
  const { table: _table, ...changes } = draft;
  const answer = await send(`/api/prints/${encodeURIComponent(id)}`, "PUT", changes, t);
  return answer.kind === "ok" ? { kind: "ok", value: null } : answer;
}

/** The unsaved draft printed for one record: the PDF it gives once saved. */
export async function previewTemplate(draft: TemplateDraft, recordId: number, t: Words): Promise<Answer<Blob>> {
  const answer = await send("/api/prints/preview", "POST", { template: draft, recordId }, t);
  return answer.kind === "ok" ? { kind: "ok", value: await answer.value.blob() } : answer;
}
