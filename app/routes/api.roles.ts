import { actorFor } from "../services/actor.server";
import { listRolesAs, saveRoleAs } from "../services/people.server";
import { apiRoute, readJson } from "../utils/api.server";

export const { loader, action } = apiRoute({
  GET: async ({ request }) => ({ roles: await listRolesAs(await actorFor(request)) }),
  /** Adds or replaces one role (validated against the role JSON Schema in runtime/auth/roles.ts). */
  PUT: async ({ request }) => {
    const actor = await actorFor(request);
    return { role: await saveRoleAs(actor, await readJson(request)) };
  },
});
