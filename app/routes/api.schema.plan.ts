import { requireAdmin } from "@runtime/records/permissions";
import { actorFor } from "../services/actor.server";
import { translatorFor } from "../services/i18n.server";
import { getRuntime, publicStep } from "../services/runtime.server";
import { apiRoute, parseBody, readJson, SCHEMA_MAX_BYTES } from "../utils/api.server";

interface PlanSchemaBody {
  baseVersion: number;
  schema: Record<string, unknown>;
}

const planSchemaBody = {
  type: "object",
  required: ["baseVersion", "schema"],
  properties: {
    baseVersion: { type: "integer", minimum: 0 },
    schema: { type: "object" },
  },
  additionalProperties: false,
};

export const { loader, action } = apiRoute({
  POST: async ({ request }) => {
    requireAdmin(await actorFor(request), "planSchemaChanges");
    const body = parseBody<PlanSchemaBody>(planSchemaBody, await readJson(request, SCHEMA_MAX_BYTES));
    // The steps are read in the review, in the reader's language; the stored plan stays English.
    const { t } = await translatorFor(request);
    const change = await (await getRuntime()).workspace.plan(body, (key, values) => t(key, values ?? {}));
    // The dry run goes with the steps, so a review can say which records would not convert
    // (or which duplicates block a unique rule) before anyone presses apply.
    return {
      steps: change.plan.steps.map(publicStep),
      destructive: change.destructive,
      conversions: change.conversions,
      duplicates: change.duplicates,
    };
  },
});
