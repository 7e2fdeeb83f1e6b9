import { sendNotifications } from "../notifications.server";
import { isTruthyText } from "../liquid";
import type { NotifyAction } from "../types";
import type { RunContext } from "./context";

/** `notify`: in-app notifications to the users `to` names, linking to the record's card unless `href` says otherwise. */
export async function runNotify(ctx: RunContext, action: NotifyAction, index: number): Promise<void> {
  if (action.when !== undefined && !isTruthyText(ctx.render(action.when))) {
    ctx.outcome({ action: index, type: "notify", table: ctx.table.key, values: {}, skipped: "its condition (when) did not hold" });
    return;
  }
  const users = await ctx.users(ctx.render(action.to));
  const title = ctx.render(action.title).trim();
  const href = action.href !== undefined ? ctx.render(action.href).trim() : `/t/${ctx.table.key}/${ctx.recordId}`;
  if (users.length === 0) {
    ctx.outcome({
      action: index,
      type: "notify",
      table: ctx.table.key,
      values: { title, href },
      skipped: `"${action.to}" names no active user`,
    });
    return;
  }
  await sendNotifications(ctx.trx, ctx.now, { userIds: users.map((u) => u.id), title, href, ruleId: ctx.rule.id });
  ctx.outcome({ action: index, type: "notify", table: ctx.table.key, values: { to: users.map((u) => u.id), title, href } });
}
