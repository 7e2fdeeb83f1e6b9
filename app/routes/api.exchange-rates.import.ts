import { ApiError } from "@runtime/errors";
import { requireAdmin } from "@runtime/records/permissions";
import { actorFor } from "../services/actor.server";
import { importRatesAs } from "../services/exchange-rates.server";
import { apiRoute, HttpError, readAtMost } from "../utils/api.server";

/** A year of daily rates for every currency is well under this. */
const MAX_CSV_BYTES = 2_000_000;

export const { loader, action } = apiRoute({
  /**
   * Rates from a CSV body (`Content-Type: text/csv`), rows `day,currency,rate`, a header optional.
   * All or nothing: 422 with `details: [{ row, message }]` when a row is wrong.
   */
  POST: async ({ request }) => {
    const actor = await actorFor(request);
    requireAdmin(actor, "importExchangeRates");
    const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (mediaType !== "text/csv") throw new HttpError(415, "send the rates as CSV (Content-Type: text/csv), rows of day,currency,rate");
    const result = await importRatesAs(actor, new TextDecoder().decode(await readAtMost(request, MAX_CSV_BYTES)));
    if (result.errors.length) throw new ApiError(422, `no rates were imported: ${result.errors.length} rows need attention`, result.errors);
    return result;
  },
});
