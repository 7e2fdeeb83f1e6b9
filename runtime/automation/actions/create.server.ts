import type { Knex } from "knex";
import { fieldKinds } from "../../fields/registry";
import { applyScope } from "../../records/access.server";
import type { CompiledTable } from "../../schema/compile";
import type { JsonValue } from "../../json";
import { isTruthyText } from "../liquid";
import { linkable } from "../scope";
import type { CreateAction } from "../types";
import { linesOf, type RunContext } from "./context";
import { automationFailure } from "../automation-words";

/**
 * `create`: a record of another table, its values from templates; once per line with `forEach`.
 * With `reuse`, a record that has the `match` values is used instead (one draft order per
 * supplier): the search runs under a lock on those values, so two runs at once cannot both miss
 * it and both create one.
 */
export async function runCreate(ctx: RunContext, action: CreateAction, index: number): Promise<void> {
  const target = ctx.compiled.tablesByKey.get(action.table);
  if (!target) throw automationFailure("createTableGone", { n: index + 1, table: action.table });
  for (const line of linesOf(ctx, action.forEach)) {
    const extra = line ? { line } : {};
    if (action.when !== undefined && !isTruthyText(ctx.render(action.when, extra))) {
      ctx.outcome({ action: index, type: "create", table: target.key, values: {}, skipped: "its condition (when) did not hold" });
      continue;
    }
    const values = ctx.values(target, action.values, extra, `action ${index + 1} (create ${target.label})`);
    let record: Record<string, unknown> | null = null;
    let match: Record<string, unknown> | null = null;
    if (action.reuse) {
      match = ctx.values(target, action.reuse.match, extra, `action ${index + 1} (reuse)`);
      await ctx.lockState(`reuse:${ctx.rule.id}:${index}:${JSON.stringify(Object.entries(match).sort())}`.slice(0, 191));
      const id = await findMatching(ctx, target, match);
      if (id !== null) record = await ctx.tx.get(ctx.actor, target.key, id);
    }
    const reused = record !== null;
    if (!record) {
      // Its id and values are all a run needs of it: no read back.
      record = await ctx.tx.create(ctx.actor, target.key, values, { readBack: false });
      ctx.effect(target, record.id as number);
    }
    if (action.as) ctx.scope.created[action.as] = linkable({ ...record });
    ctx.outcome({
      action: index,
      type: "create",
      table: target.key,
      values: (reused ? match : values) as Record<string, JsonValue>,
      target: record.id as number,
      ...(reused ? { reused: true } : {}),
    });
  }
}

/** The first record (by id) of `table` with exactly these values that the actor may see. */
async function findMatching(ctx: RunContext, table: CompiledTable, match: Record<string, unknown>): Promise<number | null> {
  const q: Knex.QueryBuilder = ctx.trx(table.key).select(`${table.key}.id`).orderBy(`${table.key}.id`).limit(1);
  for (const [key, value] of Object.entries(match)) {
    const f = table.fieldsByKey.get(key)!;
    if (value === null || value === undefined || value === "") q.whereNull(`${table.key}.${key}`);
    else q.where(`${table.key}.${key}`, fieldKinds[f.kind].toDb(value, f.def) as Knex.Value);
  }
  applyScope(q, ctx.actor, table);
  // A locking read sees what another run committed while we waited for the lock (MariaDB's
  // plain reads keep the transaction's first snapshot).
  if (ctx.dialect === "mysql") q.forShare();
  const row = (await q) as { id: number }[];
  return row[0] ? Number(row[0].id) : null;
}
