import { actorFor } from "../services/actor.server";
import { markNotificationReadAs, unreadNotificationsAs } from "../services/notifications.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  /** Marks one of the caller's notifications read (404 for anyone else's); answers `{ unread }`. */
  POST: async ({ request, params }) => {
    const actor = await actorFor(request);
    await markNotificationReadAs(actor, params.id);
    return { unread: await unreadNotificationsAs(actor) };
  },
});
