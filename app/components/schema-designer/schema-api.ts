import type { SchemaProblem, WorkspaceSchema } from "@runtime/schema/types";
import { answeredError, type Words } from "@runtime/i18n/words";
import type { ConversionReport, DuplicateReport, PlanStepSummary } from "@schema-designer/review";

/** What the plan API answers for a draft. */
export interface PlanAnswer {
  steps: PlanStepSummary[];
  destructive: boolean;
  conversions: ConversionReport[];
  duplicates: DuplicateReport[];
}

/**
 * Every answer the review has to tell apart: a stale base (another admin applied a change), the
 * schema's problems by JSON path, dry-run blockers, or anything else with the server's message.
 */
export type ApiOutcome<T> =
  | { kind: "ok"; value: T }
  | { kind: "stale"; currentVersion: number; message: string }
  | { kind: "problems"; problems: SchemaProblem[]; message: string }
  | { kind: "blocked"; conversions: ConversionReport[]; duplicates: DuplicateReport[]; message: string }
  | { kind: "error"; message: string };

interface ErrorBody {
  error?: string;
  details?: { currentVersion?: number; problems?: SchemaProblem[]; conversions?: ConversionReport[]; duplicates?: DuplicateReport[] };
}

/** `t` says what the browser itself found (no answer, no message), and the server's messages that carry a phrase. */
async function call<T>(url: string, init: RequestInit, t: Words): Promise<ApiOutcome<T>> {
  let response: Response;
  try {
    // The root installs a fetch that adds the CSRF header to same-site writes.
    response = await fetch(url, {
      ...init,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    return { kind: "error", message: t("schemaDesigner.api.unreachable") };
  }
  const body = (await response.json().catch(() => ({}))) as T & ErrorBody;
  if (response.ok) return { kind: "ok", value: body };
  const message = answeredError(body, t, t("schemaDesigner.api.status", { status: response.status }));
  const details = body.details ?? {};
  if (response.status === 409 && typeof details.currentVersion === "number")
    return { kind: "stale", currentVersion: details.currentVersion, message };
  if (Array.isArray(details.problems)) return { kind: "problems", problems: details.problems, message };
  if (Array.isArray(details.conversions) || Array.isArray(details.duplicates))
    return { kind: "blocked", conversions: details.conversions ?? [], duplicates: details.duplicates ?? [], message };
  return { kind: "error", message };
}

export function fetchCurrentSchema(t: Words): Promise<ApiOutcome<{ version: number; schema: WorkspaceSchema }>> {
  return call("/api/schema", { method: "GET" }, t);
}

export function planDraft(baseVersion: number, schema: WorkspaceSchema, t: Words): Promise<ApiOutcome<PlanAnswer>> {
  return call("/api/schema/plan", { method: "POST", body: JSON.stringify({ baseVersion, schema }) }, t);
}

export function applyDraft(
  baseVersion: number,
  schema: WorkspaceSchema,
  confirmDestructive: boolean,
  t: Words,
): Promise<ApiOutcome<{ version: number }>> {
  return call("/api/schema", { method: "PUT", body: JSON.stringify({ baseVersion, schema, confirmDestructive }) }, t);
}
