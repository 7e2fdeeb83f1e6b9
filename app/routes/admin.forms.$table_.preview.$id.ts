import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ApiError } from "@runtime/errors";
import { previewRecord } from "../services/form-designer.server";
import { adminActorFor } from "../services/people.server";
import { errorIn } from "../services/i18n.server";

/**
 * One record with its links' titles, for the form designer's preview (loaded with a fetcher). A
 * resource route of its own, so the designer page's loader answers one shape only.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  try {
    return json({ preview: await previewRecord(actor, params.table, params.id ?? "") });
  } catch (error) {
    if (error instanceof ApiError) return json({ previewError: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
}
