import { requireAdmin } from "@runtime/records/permissions";
import { actorFor } from "../services/actor.server";
import { downloadName, downloadResponse, liveWorkspaceTypes } from "../services/config-bundle.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  /** TypeScript types of the records of the schema in force (json-schema-to-typescript). */
  GET: async ({ request }) => {
    requireAdmin(await actorFor(request), "downloadTypescriptTypes");
    const { version, schema } = await (await getRuntime()).workspace.current();
    return downloadResponse(await liveWorkspaceTypes(schema, version), downloadName("types", version), "text/plain; charset=utf-8");
  },
});
