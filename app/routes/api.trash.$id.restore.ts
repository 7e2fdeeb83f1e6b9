import { requireAdmin } from "@runtime/records/permissions";
import { ApiError } from "@runtime/errors";
import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { restoreFromTrash } from "../services/trash.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const id = Number(params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw new ApiError(400, "the trash entry id must be a positive whole number");
    const runtime = await getRuntime();
    const actor = await actorFor(request);
    requireAdmin(actor, "restoreFromTrash");
    return restoreFromTrash(runtime.db, runtime.workspace, id, actor.id);
  },
});
