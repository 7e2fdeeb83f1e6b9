import { actorFor } from "../services/actor.server";
import { deleteRateAs, rateIdOf, updateRateAs } from "../services/exchange-rates.server";
import { apiRoute, parseBody, readJson } from "../utils/api.server";

const CHANGES = {
  type: "object",
  properties: { day: { type: "string" }, currency: { type: "string" }, rate: { type: ["string", "number"] } },
  additionalProperties: false,
};

export const { loader, action } = apiRoute({
  PATCH: async ({ request, params }) => {
    const actor = await actorFor(request);
    return { rate: await updateRateAs(actor, rateIdOf(params.id), parseBody(CHANGES, await readJson(request))) };
  },
  DELETE: async ({ request, params }) => {
    await deleteRateAs(await actorFor(request), rateIdOf(params.id));
    return new Response(null, { status: 204 });
  },
});
