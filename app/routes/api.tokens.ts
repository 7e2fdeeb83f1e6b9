import { actorFor } from "../services/actor.server";
import { createTokenAs, listTokensAs } from "../services/people.server";
import { apiRoute, jsonResponse, parseBody, readJson } from "../utils/api.server";

const NEW_TOKEN = { type: "object", required: ["name"], additionalProperties: false, properties: { name: { type: "string" } } } as const;

export const { loader, action } = apiRoute({
  /** Own tokens; `?all=1` lists everyone's (administrators only). */
  GET: async ({ request }) => {
    const all = new URL(request.url).searchParams.get("all");
    return { tokens: await listTokensAs(await actorFor(request), all === "1" || all === "true" ? "all" : "own") };
  },
  POST: async ({ request }) => {
    const actor = await actorFor(request);
    const { name } = parseBody<{ name: string }>(NEW_TOKEN, await readJson(request));
    const { token, info } = await createTokenAs(actor, name);
    return jsonResponse({ ...info, token }, 201);
  },
});
