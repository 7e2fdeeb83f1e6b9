import { duplicateTemplateAs, templateAdminFor } from "../services/print-templates.server";
import { apiRoute, jsonResponse, parseBody, readJson } from "../utils/api.server";

const BODY = { type: "object", additionalProperties: false, properties: { name: { type: "string", maxLength: 120 } } } as const;

/** `POST /api/prints/:id/duplicate [{ name }]`: 201 and the copy ("Invoice (copy)" unless named). */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const actor = await templateAdminFor(request);
    const hasBody = Number(request.headers.get("content-length") ?? "0") > 0 || request.headers.has("content-type");
    const { name } = hasBody ? parseBody<{ name?: string }>(BODY, await readJson(request)) : { name: undefined };
    return jsonResponse(await duplicateTemplateAs(actor, params.id, name), 201);
  },
});
