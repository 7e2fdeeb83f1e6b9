import type { WorkspaceSchema } from "@runtime/schema/types";
import { applyDraftOp, type DraftOp } from "./draft";
import { describeImpact, impactOfFieldChange, type ImpactInput } from "./impact";
import type { Words } from "@runtime/i18n/words";
import { english, quoted } from "./words";

export type ImpactSources = Pick<ImpactInput, "layouts" | "views" | "templates">;

/** The edits whose impact the review lists: each has its `schemaDesigner.impact.<op>` sentence. */
const WITH_IMPACT = new Set<DraftOp["op"]>(["renameFieldKey", "changeFieldKind", "removeField"]);

/**
 * For each edit that can break something outside the schema (a key change, a kind change, a
 * removal): what uses the field at that point of the draft, in words, for the review.
 */
export function draftImpacts(base: WorkspaceSchema, ops: DraftOp[], sources: ImpactSources, t: Words = english): string[] {
  const out: string[] = [];
  let schema = base;
  for (const op of ops) {
    if (
      WITH_IMPACT.has(op.op) &&
      "field" in op &&
      op.field !== undefined &&
      Object.hasOwn(schema.$defs, op.table) &&
      Object.hasOwn(schema.$defs[op.table].properties, op.field)
    ) {
      const table = schema.$defs[op.table];
      const label = table.properties[op.field].title ?? op.field;
      const impact = impactOfFieldChange({ schema, table: op.table, field: op.field, ...sources });
      const follows = op.op === "renameFieldKey" && (impact.templates.length || impact.formulas.length);
      const line = t(`schemaDesigner.impact.${op.op}`, {
        field: quoted(label, t),
        table: table["x-plural"] ?? table.title ?? op.table,
        impact: describeImpact(impact, t),
      });
      out.push(follows ? `${line} ${t("schemaDesigner.impact.followKey")}` : line);
    }
    try {
      schema = applyDraftOp(schema, op);
    } catch {
      // replayDraft reports edits that do not apply; the impacts of the rest still read right.
    }
  }
  return out;
}
