import { actorFor } from "../services/actor.server";
import { languageOf, localeFor, translatorFor } from "../services/i18n.server";
import { addToTimeline, timelineAs } from "../services/timeline.server";
import { apiRoute, jsonResponse, readJson } from "../utils/api.server";

export const { loader, action } = apiRoute({
  /** `?before=<nextCursor>&limit=<n>` → `{ items, nextCursor }`, newest first. */
  GET: async ({ request, params }) => {
    const url = new URL(request.url);
    const query = { before: url.searchParams.get("before") ?? undefined, limit: url.searchParams.get("limit") ?? undefined };
    return timelineAs(
      await actorFor(request),
      params.table!,
      params.id,
      query,
      { locale: await localeFor(request) },
      await languageOf(request),
    );
  },
  /** `{ type: "note" | "call" | "task", … }` → 201 and the record added about this one. */
  POST: async ({ request, params }) => {
    const words = (await translatorFor(request)).t;
    const record = await addToTimeline(
      await actorFor(request),
      params.table!,
      params.id,
      await readJson(request),
      new Date(),
      undefined,
      words,
    );
    return jsonResponse(record, 201);
  },
});
