import type { PrintJobFormat, PrintJobQuery } from "@runtime/print/print-jobs";
import { actorFor } from "../services/actor.server";
import { getPrintJobs } from "../services/print.server";
import { apiRoute, jsonResponse, parseBody, readJson } from "../utils/api.server";

// No maxItems: the jobs service refuses too many records with a message that says what to do.
const jobBody = {
  type: "object",
  properties: {
    ids: { type: "array", minItems: 1, items: { type: "integer", minimum: 1 } },
    query: {
      type: "object",
      properties: { q: { type: "string", maxLength: 200 }, filter: { type: "object" }, sort: { type: "string", maxLength: 300 } },
      additionalProperties: false,
    },
    format: { enum: ["pdf", "zip"] },
  },
  oneOf: [{ required: ["ids"] }, { required: ["query"] }],
  additionalProperties: false,
};

/**
 * `POST /api/print/:template/jobs` with `{ ids, format? }` or `{ query: { q?, filter?, sort? }, format? }`
 * (every record the list shows): 202 and the job's status, `{ jobId, … }`.
 */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const {
      ids,
      query,
      format = "pdf",
    } = parseBody<{ ids?: number[]; query?: PrintJobQuery; format?: PrintJobFormat }>(jobBody, await readJson(request));
    const status = await (await getPrintJobs()).start(await actorFor(request), params.template, ids ? { ids } : { query: query! }, format);
    return jsonResponse(status, 202, { Location: `/api/print/jobs/${status.jobId}` });
  },
});
