import { pdfResponse } from "../services/print.server";
import { TEMPLATE_MAX_BYTES, previewDraftAs, templateAdminFor } from "../services/print-templates.server";
import { apiRoute, parseBody, readJson } from "../utils/api.server";

const BODY = {
  type: "object",
  required: ["template", "recordId"],
  additionalProperties: false,
  properties: { template: { type: "object" }, recordId: { type: ["integer", "string"] } },
} as const;

/** `POST /api/prints/preview { template, recordId }`: the unsaved draft printed for one record, as a PDF. */
export const { loader, action } = apiRoute({
  POST: async ({ request }) => {
    const actor = await templateAdminFor(request);
    const { template, recordId } = parseBody<{ template: unknown; recordId: number | string }>(
      BODY,
      await readJson(request, TEMPLATE_MAX_BYTES),
    );
    const { pdf, filename } = await previewDraftAs(actor, template, recordId);
    return pdfResponse(pdf, filename, request);
  },
});
