import { LiquidError } from "liquidjs";
import type { CompiledSchema } from "../schema/compile";
import { renderTemplate, type PrintContext, type RenderedDocument } from "./render-html";
import type { PrintTemplate } from "./template";

type JobTemplate = Pick<PrintTemplate, "html" | "css" | "page">;

/**
 * What a worker keeps between jobs, by the pool's number for it: the template (14 kB for an
 * invoice), the document language's messages and the compiled schema are the same for print
 * after print, so each is sent only the first time a worker needs it; the record is sent every time.
 */
export interface KeptParts {
  template: JobTemplate;
  messages: Record<string, unknown> | undefined;
  schema: CompiledSchema;
}
export type KeptPart = keyof KeptParts;
export const KEPT_PARTS: readonly KeptPart[] = ["template", "messages", "schema"];

/** What the pool sends a render worker: one document to fill in. */
export interface RenderJob {
  id: number;
  contexts: PrintContext[];
  locale?: string;
  language?: string;
  /** The pool's numbers for the kept parts. */
  ids: Record<KeptPart, number>;
  /** The parts this worker does not have yet. */
  parts: Partial<KeptParts>;
}

export type RenderOutcome =
  | { id: number; ok: true; doc: RenderedDocument }
  /** `template`: the template's own fault (Liquid said why); `internal`: a bug of ours. */
  | { id: number; ok: false; kind: "template" | "internal"; message: string };

/** Of each kind of part, how many a worker keeps (the pool mirrors this to know what it must send again). */
// A workspace printed in four languages compiles four schemas (labels differ by language).
export const KEEP_PARTS = 8;

/** One worker's side of the pool: keeps the few parts it was sent, and fills in documents. */
export function createRenderJobRunner(): (job: RenderJob) => RenderOutcome {
  const kept = Object.fromEntries(KEPT_PARTS.map((part) => [part, new Map<number, unknown>()])) as Record<KeptPart, Map<number, unknown>>;
  return (job) => {
    for (const part of KEPT_PARTS) {
      if (!(part in job.parts)) continue;
      kept[part].set(job.ids[part], job.parts[part]);
      if (kept[part].size > KEEP_PARTS) kept[part].delete(kept[part].keys().next().value!);
    }
    const missing = KEPT_PARTS.find((part) => !kept[part].has(job.ids[part]));
    if (missing)
      return { id: job.id, ok: false, kind: "internal", message: `${missing} #${job.ids[missing]} was never sent to this worker` };
    const template = kept.template.get(job.ids.template) as JobTemplate;
    const compiled = kept.schema.get(job.ids.schema) as CompiledSchema;
    const messages = kept.messages.get(job.ids.messages) as Record<string, unknown> | undefined;
    try {
      return {
        id: job.id,
        ok: true,
        doc: renderTemplate(template, job.contexts, { compiled, locale: job.locale, language: job.language, messages }),
      };
    } catch (error) {
      return { id: job.id, ok: false, kind: isTemplateFault(error) ? "template" : "internal", message: describe(error) };
    }
  };
}

/**
 * Liquid wraps whatever goes wrong while rendering, our filters' bugs too: a TypeError or
 * ReferenceError inside is ours; the rest (limits, a missing include, a range too large) is the
 * template's.
 */
function isTemplateFault(error: unknown): boolean {
  if (!(error instanceof LiquidError)) return false;
  const cause = error.originalError;
  return !(cause instanceof TypeError || cause instanceof ReferenceError);
}

function describe(error: unknown): string {
  if (error instanceof LiquidError) return error.message.split("\n")[0];
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
