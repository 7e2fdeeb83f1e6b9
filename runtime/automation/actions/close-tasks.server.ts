import { relationTarget } from "../../fields/structure";
import type { JsonValue } from "../../json";
import { AUTOMATION_TABLES } from "../tables.server";
import { isTruthyText } from "../liquid";
import type { CloseTasksAction } from "../types";
import type { RunContext } from "./context";
import { automationFailure } from "../automation-words";

const OPEN = "open";

/**
 * `closeTasks`: the records a rule (this one, or the one named) created for this record, where
 * their `status` is still "open", become done (or cancelled) — e.g. the collections task once the
 * invoice is paid. Tasks a person already closed, or deleted, are left alone.
 */
export async function runCloseTasks(ctx: RunContext, action: CloseTasksAction, index: number): Promise<void> {
  const status = action.status ?? "done";
  if (action.when !== undefined && !isTruthyText(ctx.render(action.when))) {
    ctx.outcome({ action: index, type: "closeTasks", table: ctx.table.key, values: {}, skipped: "its condition (when) did not hold" });
    return;
  }
  const ruleId = action.rule === undefined ? ctx.rule.id : await ruleIdByName(ctx, action.rule);
  if (ruleId === null) throw automationFailure("noRuleCalled", { where: `action ${index + 1} (closeTasks)`, rule: action.rule });
  const about = await aboutRecord(ctx, action.of);
  if (!about) {
    ctx.outcome({ action: index, type: "closeTasks", table: ctx.table.key, values: { status }, skipped: `"${action.of}" is empty` });
    return;
  }
  const effects = (await ctx
    .trx(`${AUTOMATION_TABLES.effects} as e`)
    .join(`${AUTOMATION_TABLES.runs} as r`, "r.id", "e.run_id")
    .where({ "r.rule_id": ruleId, "r.record_id": about.id, "r.table_id": about.tableId })
    .orderBy("e.id")
    .select("e.table_id", "e.record_id")) as { table_id: string; record_id: number }[];
  let closed = 0;
  for (const e of effects) {
    const table = ctx.compiled.tablesById.get(e.table_id);
    if (!table?.fieldsByKey.has("status")) continue;
    const task = (await ctx.trx(table.key).where({ id: e.record_id }).first("id", "status", "version")) as
      { id: number; status: string | null; version: number } | undefined;
    if (!task || task.status !== OPEN) continue;
    const values = { ...ctx.values(table, action.values ?? {}, {}, `action ${index + 1} (closeTasks)`), status };
    await ctx.tx.update(ctx.actor, table.key, task.id, values, Number(task.version));
    ctx.outcome({
      action: index,
      type: "closeTasks",
      table: table.key,
      values: values as Record<string, JsonValue>,
      target: Number(task.id),
    });
    closed++;
  }
  if (closed === 0)
    ctx.outcome({ action: index, type: "closeTasks", table: ctx.table.key, values: { status }, skipped: "no open tasks to close" });
}

/** The record whose tasks to close: this one, or the one its relation `of` points at. */
async function aboutRecord(ctx: RunContext, of: string | undefined): Promise<{ tableId: string; id: number } | null> {
  if (of === undefined) return { tableId: ctx.table.id, id: ctx.recordId };
  const f = ctx.table.fieldsByKey.get(of);
  const target = f ? ctx.compiled.tablesByKey.get(relationTarget(f) ?? "") : undefined;
  const id = (await ctx.current())[of];
  return target && typeof id === "number" ? { tableId: target.id, id } : null;
}

async function ruleIdByName(ctx: RunContext, name: string): Promise<number | null> {
  const row = (await ctx.trx(AUTOMATION_TABLES.rules).where({ name }).first("id")) as { id: number } | undefined;
  return row ? Number(row.id) : null;
}
