import { requireAdmin } from "@runtime/records/permissions";
import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute, parseBody, readJson, SCHEMA_MAX_BYTES } from "../utils/api.server";

interface ApplySchemaBody {
  baseVersion: number;
  schema: Record<string, unknown>;
  confirmDestructive?: boolean;
}

const applySchemaBody = {
  type: "object",
  required: ["baseVersion", "schema"],
  properties: {
    baseVersion: { type: "integer", minimum: 0 },
    schema: { type: "object" },
    confirmDestructive: { type: "boolean" },
  },
  additionalProperties: false,
};

export const { loader, action } = apiRoute({
  // Only the documented fields: the compiled schema and step results are internal.
  GET: async () => {
    const { version, schema } = await (await getRuntime()).workspace.current();
    return { version, schema };
  },
  PUT: async ({ request }) => {
    const actor = await actorFor(request);
    requireAdmin(actor, "changeSchema");
    const body = parseBody<ApplySchemaBody>(applySchemaBody, await readJson(request, SCHEMA_MAX_BYTES));
    const { version } = await (await getRuntime()).workspace.apply({ ...body, actorId: actor.id });
    return { version };
  },
});
