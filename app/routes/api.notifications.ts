import { badRequest } from "@runtime/errors";
import { actorFor } from "../services/actor.server";
import { listNotificationsAs } from "../services/notifications.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  /** The caller's latest notifications, newest first: `{ rows, unread }`; `?unread=1` only unread ones, `?limit=` up to 200. */
  GET: async ({ request }) => {
    const params = new URL(request.url).searchParams;
    const rawLimit = params.get("limit");
    const limit = rawLimit === null ? undefined : Number(rawLimit);
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1))
      throw badRequest(`limit must be a positive whole number, not "${rawLimit}"`);
    const unread = params.get("unread");
    return listNotificationsAs(await actorFor(request), { limit, unreadOnly: unread === "1" || unread === "true" });
  },
});
