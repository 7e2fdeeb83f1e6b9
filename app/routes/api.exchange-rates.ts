import { actorFor } from "../services/actor.server";
import { exchangeRatesAs, putRateAs, saveExchangeSettingsAs } from "../services/exchange-rates.server";
import { apiRoute, parseBody, readJson } from "../utils/api.server";

const RATE = {
  type: "object",
  required: ["day", "currency", "rate"],
  properties: { day: { type: "string" }, currency: { type: "string" }, rate: { type: ["string", "number"] } },
  additionalProperties: false,
};
const SETTINGS = {
  type: "object",
  properties: { base: { type: "string" }, overpayment: { enum: ["refuse", "credit"] } },
  additionalProperties: false,
};

/** Admins only (docs/decisions/032-exchange-rates.md). */
export const { loader, action } = apiRoute({
  /** The base currency, the overpayment setting and every rate, newest first. */
  GET: async ({ request }) => exchangeRatesAs(await actorFor(request)),
  /** Adds a rate `{ day, currency, rate }`, or replaces the one of that day and currency. */
  POST: async ({ request }) => {
    const actor = await actorFor(request);
    return { rate: await putRateAs(actor, parseBody(RATE, await readJson(request))) };
  },
  /** `{ base?, overpayment?: "refuse" | "credit" }`. */
  PATCH: async ({ request }) => {
    const actor = await actorFor(request);
    return saveExchangeSettingsAs(actor, parseBody(SETTINGS, await readJson(request)));
  },
});
