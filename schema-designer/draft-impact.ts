import type { WorkspaceSchema } from "@runtime/schema/types";
import { applyDraftOp, type DraftOp } from "./draft";
import { describeImpact, impactOfFieldChange, type ImpactInput } from "./impact";

export type ImpactSources = Pick<ImpactInput, "layouts" | "views" | "templates">;

const WHAT: Partial<Record<DraftOp["op"], string>> = {
  renameFieldKey: "The key change of",
  changeFieldKind: "The kind change of",
  removeField: "Removing",
};

/**
 * For each edit that can break something outside the schema (a key change, a kind change, a
 * removal): what uses the field at that point of the draft, in words, for the review.
 */
export function draftImpacts(base: WorkspaceSchema, ops: DraftOp[], sources: ImpactSources): string[] {
  const out: string[] = [];
  let schema = base;
  for (const op of ops) {
    const what = WHAT[op.op];
    if (
      what &&
      "field" in op &&
      op.field !== undefined &&
      Object.hasOwn(schema.$defs, op.table) &&
      Object.hasOwn(schema.$defs[op.table].properties, op.field)
    ) {
      const t = schema.$defs[op.table];
      const label = t.properties[op.field].title ?? op.field;
      const impact = impactOfFieldChange({ schema, table: op.table, field: op.field, ...sources });
      const follows = op.op === "renameFieldKey" && (impact.templates.length || impact.formulas.length) ? " They follow the new key." : "";
      out.push(`${what} “${label}” (${t["x-plural"] ?? t.title ?? op.table}): ${describeImpact(impact)}.${follows}`);
    }
    try {
      schema = applyDraftOp(schema, op);
    } catch {
      // replayDraft reports edits that do not apply; the impacts of the rest still read right.
    }
  }
  return out;
}
