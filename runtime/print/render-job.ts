import { LiquidError } from "liquidjs";
import type { CompiledSchema } from "../schema/compile";
import { renderTemplate, type PrintContext, type RenderedDocument } from "./render-html";
import type { PrintTemplate } from "./template";

/** What the pool sends a render worker: one document to fill in. */
export interface RenderJob {
  id: number;
  template: Pick<PrintTemplate, "html" | "css" | "page">;
  contexts: PrintContext[];
  locale?: string;
  language?: string;
  messages?: Record<string, unknown>;
  /** The pool's number for the compiled schema; the schema itself only the first time a worker needs it. */
  schemaId: number;
  schema?: CompiledSchema;
}

export type RenderOutcome =
  | { id: number; ok: true; doc: RenderedDocument }
  /** `template`: the template's own fault (Liquid said why); `internal`: a bug of ours. */
  | { id: number; ok: false; kind: "template" | "internal"; message: string };

/** Compiled schemas a worker keeps (the pool mirrors this to know what it must send again). */
// A workspace printed in four languages compiles four schemas (labels differ by language).
export const KEEP_SCHEMAS = 8;

/** One worker's side of the pool: keeps the few schemas it was sent, and fills in documents. */
export function createRenderJobRunner(): (job: RenderJob) => RenderOutcome {
  const schemas = new Map<number, CompiledSchema>();
  return (job) => {
    if (job.schema) {
      schemas.set(job.schemaId, job.schema);
      if (schemas.size > KEEP_SCHEMAS) schemas.delete(schemas.keys().next().value!);
    }
    const compiled = schemas.get(job.schemaId);
    if (!compiled) return { id: job.id, ok: false, kind: "internal", message: `schema #${job.schemaId} was never sent to this worker` };
    try {
      return {
        id: job.id,
        ok: true,
        doc: renderTemplate(job.template, job.contexts, { compiled, locale: job.locale, language: job.language, messages: job.messages }),
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
