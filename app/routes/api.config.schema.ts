import { requireAdmin } from "@runtime/records/permissions";
import { actorFor } from "../services/actor.server";
import { downloadName, downloadResponse } from "../services/config-bundle.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  /** The workspace schema as a plain JSON Schema file, for other JSON Schema tools. */
  GET: async ({ request }) => {
    requireAdmin(await actorFor(request), "downloadSchema");
    const { version, schema } = await (await getRuntime()).workspace.current();
    return downloadResponse(
      JSON.stringify(schema, null, 2) + "\n",
      downloadName("schema", version),
      "application/schema+json; charset=utf-8",
    );
  },
});
