import { AUTOMATION_TABLES } from "../tables.server";
import type { RequestApprovalAction } from "../types";
import type { RunContext } from "./context";

/**
 * `requestApproval` at run time: the guard (approvals.server.ts) already let the change through
 * because it was approved; the run log names the approval it went through with.
 */
export async function runRequestApproval(ctx: RunContext, _action: RequestApprovalAction, index: number): Promise<void> {
  const row = (await ctx
    .trx(AUTOMATION_TABLES.approvals)
    .where({ rule_id: ctx.rule.id, record_id: ctx.recordId, state: "approved" })
    .orderBy("id", "desc")
    .first("id")) as { id: number } | undefined;
  if (!row) {
    ctx.outcome({ action: index, type: "requestApproval", table: ctx.table.key, values: {}, skipped: "no approval was needed" });
    return;
  }
  ctx.outcome({ action: index, type: "requestApproval", table: ctx.table.key, values: { approval: Number(row.id), state: "approved" } });
}
