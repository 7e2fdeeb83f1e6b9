import { actorFor } from "../services/actor.server";
import { markAllNotificationsReadAs } from "../services/notifications.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  /** Marks all of the caller's notifications read; answers `{ marked, unread: 0 }`. */
  POST: async ({ request }) => ({ marked: await markAllNotificationsReadAs(await actorFor(request)), unread: 0 }),
});
