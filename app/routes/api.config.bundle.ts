import { requireAdmin } from "@runtime/records/permissions";
import { actorFor } from "../services/actor.server";
import { BUNDLE_MAX_BYTES, downloadName, downloadResponse, getConfigBundles } from "../services/config-bundle.server";
import { apiRoute, parseBody, readJson } from "../utils/api.server";

interface ApplyBundleBody {
  bundle: unknown;
  baseVersion: number;
  confirmDestructive?: boolean;
}

const applyBundleBody = {
  type: "object",
  required: ["bundle", "baseVersion"],
  properties: { bundle: { type: "object" }, baseVersion: { type: "integer", minimum: 0 }, confirmDestructive: { type: "boolean" } },
  additionalProperties: false,
};

export const { loader, action } = apiRoute({
  /** The whole configuration as one bundle; `?download=1` asks the browser to save it. */
  GET: async ({ request }) => {
    const actor = await actorFor(request);
    requireAdmin(actor, "exportConfiguration");
    const bundle = await (await getConfigBundles()).exportBundle(actor);
    if (new URL(request.url).searchParams.get("download") !== "1") return bundle;
    return downloadResponse(
      JSON.stringify(bundle, null, 2) + "\n",
      downloadName("bundle", bundle.source?.schemaVersion ?? 0),
      "application/json; charset=utf-8",
    );
  },
  /** Applies a bundle reviewed on `baseVersion` (POST /api/config/bundle/plan gives both). */
  POST: async ({ request }) => {
    const actor = await actorFor(request);
    requireAdmin(actor, "importAConfiguration");
    const body = parseBody<ApplyBundleBody>(applyBundleBody, await readJson(request, BUNDLE_MAX_BYTES));
    const { version, review } = await (await getConfigBundles()).apply(actor, body.bundle, body);
    return { version, summary: review.summary };
  },
});
