import { requireAdmin } from "@runtime/records/permissions";
import { actorFor } from "../services/actor.server";
import { listTrash } from "../services/trash.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute } from "../utils/api.server";
import { ApiError } from "@runtime/errors";

const KINDS = ["record", "field", "table"] as const;

export const { loader, action } = apiRoute({
  GET: async ({ request }) => {
    requireAdmin(await actorFor(request), "seeTrash");
    const kind = new URL(request.url).searchParams.get("kind");
    if (kind !== null && !(KINDS as readonly string[]).includes(kind)) throw new ApiError(400, `kind must be one of ${KINDS.join(", ")}`);
    return { entries: await listTrash((await getRuntime()).db, { kind: (kind ?? undefined) as (typeof KINDS)[number] | undefined }) };
  },
});
