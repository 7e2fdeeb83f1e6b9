import { badRequest } from "@runtime/errors";
import { actorFor } from "../services/actor.server";
import { updateUserAs } from "../services/people.server";
import { apiRoute, parseBody, readJson } from "../utils/api.server";

const CHANGES = {
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: { name: { type: "string" }, role: { type: "string" }, active: { type: "boolean" } },
} as const;

export function userIdParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw badRequest(`"${value}" is not a user id`);
  return id;
}

export const { loader, action } = apiRoute({
  PATCH: async ({ request, params }) => {
    const actor = await actorFor(request);
    return {
      user: await updateUserAs(actor, userIdParam(params.id), parseBody<Record<string, unknown>>(CHANGES, await readJson(request))),
    };
  },
});
