/**
 * The bell's notifications, as the header and `/api/notifications` use them: always the caller's
 * own, so one user never sees, reads or clears another's.
 */
import type { NotificationList } from "@runtime/automation/types";
import { ApiError } from "@runtime/errors";
import type { Actor } from "@runtime/records/permissions";
import { getRuntime } from "./runtime.server";

/** Only people have notifications; the system actor (never a request's) has none. */
function userIdOf(actor: Actor): number {
  if (actor.id === null) throw new ApiError(403, "only a signed-in user has notifications");
  return actor.id;
}

export async function listNotificationsAs(actor: Actor, options: { limit?: number; unreadOnly?: boolean } = {}): Promise<NotificationList> {
  return (await getRuntime()).automation.notifications.list(userIdOf(actor), options);
}

export async function markNotificationReadAs(actor: Actor, id: unknown): Promise<void> {
  await (await getRuntime()).automation.notifications.markRead(userIdOf(actor), id);
}

/** Answers how many were unread. */
export async function markAllNotificationsReadAs(actor: Actor): Promise<number> {
  return (await getRuntime()).automation.notifications.markAllRead(userIdOf(actor));
}

export async function unreadNotificationsAs(actor: Actor): Promise<number> {
  return (await getRuntime()).automation.notifications.unread(userIdOf(actor));
}

/** The header's count for the signed-in user of the page. */
export async function unreadNotificationsOf(userId: number): Promise<number> {
  return (await getRuntime()).automation.notifications.unread(userId);
}
