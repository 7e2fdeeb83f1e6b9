import { relationTarget } from "../../fields/structure";
import type { JsonValue } from "../../json";
import type { CompiledTable } from "../../schema/compile";
import { isTruthyText } from "../liquid";
import { linkable, type ScopeRecord } from "../scope";
import type { UpdateAction } from "../types";
import { linesOf, type RunContext } from "./context";
import { automationFailure, automationRefusal } from "../automation-words";

const idOf = (v: unknown): number | null =>
  typeof v === "number"
    ? v
    : typeof v === "object" && v !== null && typeof (v as { id?: unknown }).id === "number"
      ? (v as { id: number }).id
      : null;

/**
 * `update`: fields of the record, a linked record, a record made earlier or a line (or a line's
 * linked record). The target is read again just before it is changed, as `target`, so two lines
 * of one product lower its stock twice rather than both from the same old value.
 */
export async function runUpdate(ctx: RunContext, action: UpdateAction, index: number): Promise<void> {
  const targetName = action.target ?? "record";
  for (const line of linesOf(ctx, action.forEach)) {
    const extra: Record<string, unknown> = line ? { line } : {};
    const where = `action ${index + 1} (update ${targetName})`;
    const found = targetOf(ctx, targetName, line, action.forEach);
    if (!found.table) throw automationFailure("targetGone", { where, target: targetName });
    if (found.id === null) {
      ctx.outcome({ action: index, type: "update", table: found.table.key, values: {}, skipped: `"${targetName}" is empty` });
      continue;
    }
    if (targetName === "record" && ctx.gone) throw automationRefusal(404, "recordDeleted", { where });
    const current = linkable((await ctx.tx.get(ctx.actor, found.table.key, found.id)) as ScopeRecord);
    extra.target = current;
    if (action.when !== undefined && !isTruthyText(ctx.render(action.when, extra))) {
      ctx.outcome({
        action: index,
        type: "update",
        table: found.table.key,
        values: {},
        target: found.id,
        skipped: "its condition (when) did not hold",
      });
      continue;
    }
    const values = ctx.values(found.table, action.values, extra, where);
    await ctx.tx.update(ctx.actor, found.table.key, found.id, values, current.version);
    ctx.outcome({ action: index, type: "update", table: found.table.key, values: values as Record<string, JsonValue>, target: found.id });
    if (found.table.key === ctx.table.key && found.id === ctx.recordId) await ctx.refreshRecord();
  }
}

function targetOf(
  ctx: RunContext,
  name: string,
  line: ScopeRecord | null,
  forEach: string | undefined,
): { table: CompiledTable | null; id: number | null } {
  const tableOf = (key: string | undefined) => (key ? (ctx.compiled.tablesByKey.get(key) ?? null) : null);
  if (name === "record") return { table: ctx.table, id: ctx.recordId };
  if (name.startsWith("created.")) {
    const as = name.slice("created.".length);
    const created = ctx.scope.created[as];
    const creator = ctx.rule.compiled.definition.actions.find((a) => a.type === "create" && a.as === as);
    return { table: tableOf(creator?.type === "create" ? creator.table : undefined), id: idOf(created) };
  }
  if (name === "line" || name.startsWith("line.")) {
    const list = ctx.table.lists.find((l) => l.name === forEach);
    const lineTable = tableOf(list?.table);
    if (name === "line") return { table: lineTable, id: idOf(line) };
    const key = name.slice("line.".length);
    const f = lineTable?.fieldsByKey.get(key);
    return { table: tableOf(f ? relationTarget(f) : undefined), id: idOf(line?.[key]) };
  }
  const f = ctx.table.fieldsByKey.get(name);
  return { table: tableOf(f ? relationTarget(f) : undefined), id: idOf(ctx.scope.record[name]) };
}
