import type { PageSettings } from "@runtime/print/template";
import type { ExportedTemplate } from "@print-designer/plugins/commands";

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

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: string };
    return body.error ?? `the server answered ${response.status}`;
  } catch {
    return `the server answered ${response.status}`;
  }
}

async function send(url: string, method: string, body: unknown): Promise<Answer<Response>> {
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }).catch((error: Error) => error);
  if (response instanceof Error) return { kind: "unreachable", message: response.message };
  if (!response.ok) return { kind: "refused", message: await errorText(response) };
  return { kind: "ok", value: response };
}

/** Stores the draft over the template (its table stays what it was). */
export async function saveTemplate(id: string, draft: TemplateDraft): Promise<Answer<null>> {
  const { table: _table, ...changes } = draft;
  const answer = await send(`/api/prints/${encodeURIComponent(id)}`, "PUT", changes);
  return answer.kind === "ok" ? { kind: "ok", value: null } : answer;
}

/** The unsaved draft printed for one record: the PDF it gives once saved. */
export async function previewTemplate(draft: TemplateDraft, recordId: number): Promise<Answer<Blob>> {
  const answer = await send("/api/prints/preview", "POST", { template: draft, recordId });
  return answer.kind === "ok" ? { kind: "ok", value: await answer.value.blob() } : answer;
}
