import { actorFor } from "../services/actor.server";
import { getDocxService, uploadDocxAs } from "../services/docx.server";
import { apiRoute, jsonResponse } from "../utils/api.server";

export const { loader, action } = apiRoute({
  /** `GET /api/docx-templates[?table=invoices]`: the Word templates the actor may fill. */
  GET: async ({ request }) => {
    const table = new URL(request.url).searchParams.get("table") ?? undefined;
    return { templates: await (await getDocxService()).list(await actorFor(request), table) };
  },
  /** `POST /api/docx-templates` (multipart `file`, `name`, `table`; administrators): 201 and the template. */
  POST: async ({ request }) => jsonResponse(await uploadDocxAs(await actorFor(request), request), 201),
});
