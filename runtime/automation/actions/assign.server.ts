import type { Knex } from "knex";
import { fieldKinds } from "../../fields/registry";
import { recordMatches } from "../../records/filter-match";
import { parseFilter } from "../../records/filter";
import { applyFilter } from "../../records/query.server";
import { userByEmail, usersByIds, usersWithRole, type UserRef } from "../recipients.server";
import { isTruthyText } from "../liquid";
import type { AssignAction } from "../types";
import type { RunContext } from "./context";
import { automationFailure, automationRefusal } from "../automation-words";

/**
 * `assign`: a user field of the record from a routing table (the first route whose condition
 * holds), else from a pool — fewest open records of the workload table first, ties (and pools
 * without a workload) round-robin. The pointer lives in `crm_rule_state`, locked for the run, so
 * two leads assigned at once by two workers go to two people.
 */
export async function runAssign(ctx: RunContext, action: AssignAction, index: number): Promise<void> {
  const where = `action ${index + 1} (assign ${action.field})`;
  if (action.when !== undefined && !isTruthyText(ctx.render(action.when))) {
    ctx.outcome({ action: index, type: "assign", table: ctx.table.key, values: {}, skipped: "its condition (when) did not hold" });
    return;
  }
  if (ctx.gone) throw automationRefusal(404, "recordDeleted", { where });
  const record = await ctx.current();
  let chosen: UserRef | null = null;
  let how = "";
  for (const [i, route] of (action.routes ?? []).entries()) {
    const node = parseFilter(ctx.table, route.when);
    if (!node || recordMatches(node, record)) {
      chosen =
        typeof route.user === "number" ? ((await usersByIds(ctx.trx, [route.user]))[0] ?? null) : await userByEmail(ctx.trx, route.user);
      how = `route ${i + 1}`;
      if (chosen) break;
    }
  }
  if (!chosen && action.pool) {
    const pool = action.pool.users ? await usersByIds(ctx.trx, action.pool.users) : await usersWithRole(ctx.trx, action.pool.role!);
    if (pool.length === 0)
      throw automationRefusal(422, action.pool.users ? "emptyPoolUsers" : "emptyPoolRole", { where, role: action.pool.role });
    const candidates = action.workload ? await leastLoaded(ctx, action.workload, pool) : pool;
    const key = `assign:${ctx.rule.id}:${index}`;
    const last = Number(await ctx.lockState(key));
    // Round-robin: the first candidate after the one chosen last time, in the pool's order.
    const position = (u: UserRef) =>
      (pool.findIndex((p) => p.id === u.id) - pool.findIndex((p) => p.id === last) + pool.length) % pool.length || pool.length;
    chosen = [...candidates].sort((a, b) => position(a) - position(b))[0];
    await ctx.setState(key, String(chosen.id));
    how = action.workload ? "fewest open, then round-robin" : "round-robin";
  }
  if (!chosen) throw automationRefusal(422, "noRoute", { where });
  const current = await ctx.tx.get(ctx.actor, ctx.table.key, ctx.recordId);
  await ctx.tx.update(ctx.actor, ctx.table.key, ctx.recordId, { [action.field]: chosen.id }, current.version);
  ctx.outcome({
    action: index,
    type: "assign",
    table: ctx.table.key,
    values: { [action.field]: chosen.id, by: how },
    target: ctx.recordId,
  });
  await ctx.refreshRecord();
}

/** The pool's users with the fewest open records of the workload table. */
async function leastLoaded(ctx: RunContext, workload: NonNullable<AssignAction["workload"]>, pool: UserRef[]): Promise<UserRef[]> {
  const table = ctx.compiled.tablesByKey.get(workload.table);
  if (!table) throw automationFailure("workloadGone", { table: workload.table });
  const f = table.fieldsByKey.get(workload.field)!;
  const q: Knex.QueryBuilder = ctx
    .trx(table.key)
    .select(`${table.key}.${workload.field} as user_id`)
    .count({ n: "*" })
    .whereIn(
      `${table.key}.${workload.field}`,
      pool.map((u) => fieldKinds[f.kind].toDb(u.id, f.def) as number),
    )
    .groupBy(`${table.key}.${workload.field}`);
  const open = parseFilter(table, workload.open);
  if (open) applyFilter(q, open, table.key);
  if (ctx.dialect === "mysql") q.forShare();
  const counts = new Map(((await q) as { user_id: number; n: number | string }[]).map((r) => [Number(r.user_id), Number(r.n)]));
  const load = (u: UserRef) => counts.get(u.id) ?? 0;
  const fewest = Math.min(...pool.map(load));
  return pool.filter((u) => load(u) === fewest);
}
