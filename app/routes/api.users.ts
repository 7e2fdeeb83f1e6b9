import { actorFor } from "../services/actor.server";
import { addUserAs, listUsersAs } from "../services/people.server";
import { apiRoute, jsonResponse, parseBody, readJson } from "../utils/api.server";

const NEW_USER = {
  type: "object",
  required: ["name", "email", "role"],
  additionalProperties: false,
  properties: {
    name: { type: "string" },
    email: { type: "string" },
    role: { type: "string" },
    password: { type: "string" },
    generatePassword: { type: "boolean" },
  },
} as const;

export const { loader, action } = apiRoute({
  GET: async ({ request }) => ({ users: await listUsersAs(await actorFor(request)) }),
  POST: async ({ request }) => {
    const actor = await actorFor(request);
    const created = await addUserAs(actor, parseBody<Record<string, unknown>>(NEW_USER, await readJson(request)));
    return jsonResponse(created, 201);
  },
});
