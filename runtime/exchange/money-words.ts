import { type ApiError, wordedApiError } from "../errors";
import { englishWords, type Phrase } from "../i18n/words";

/**
 * What exchange rates and money received in other currencies say when they refuse (no rate for a
 * day, an overpayment, a wrong rate), in English for the API, the CLI and the logs; screens say
 * the same phrases in their reader's language (`locales/*.json`, same keys).
 */
export const MONEY_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.money.onField": "{{label}}: {{problem}}",
  "refusals.money.noBase": "no base currency is set, so {{from}} cannot be converted to {{to}}: set one under Admin → Exchange rates",
  "refusals.money.noRate": "no exchange rate for {{currency}} on or before {{day}}: add one under Admin → Exchange rates",
  "refusals.money.overpaid":
    "this {{what}} of {{amount}} is more than the {{limit}} {{limitField}} of {{target}} #{{id}}: record at most that, or let overpayments stand as credit under Admin → Exchange rates",
  "refusals.money.clash": "there is already a {{currency}} rate for {{day}}: edit that one instead",
  "refusals.money.noRates": "the file holds no rates: send rows of day,currency,rate such as 2026-12-01,USD,0.9234",
  "refusals.money.notCsv": "the file is not readable CSV: {{reason}}",
  "refusals.money.rateGone": "there is no exchange rate #{{id}} (it may have been deleted)",
  "refusals.money.day": "the day must be a date as YYYY-MM-DD, not {{value}}",
  "refusals.money.currency": 'the currency must be a three-letter code such as "USD", not {{value}}',
  "refusals.money.isBase": "{{currency}} is the base currency: it is always worth 1 and needs no rate",
  "refusals.money.rate": "the rate must be a positive number such as 1.0834 (what one {{currency}} is worth in {{base}}), not {{value}}",
  "refusals.money.theBase": "the base currency",
  "refusals.money.baseCode": 'the base currency must be a three-letter code such as "EUR", not {{value}}',
  "refusals.money.overpayment": 'overpayment must be "refuse" or "credit", not {{value}}',
};
/** English of the money phrases, for field problems noted with `addFieldPhrase`. */
export const moneyWords = englishWords(MONEY_ENGLISH);

/** A money phrase (`refusals.money.<key>`). */
export const moneyPhrase = (key: string, values: Record<string, unknown> = {}): Phrase => ({ key: `refusals.money.${key}`, values });

/** A refusal whose English message is the catalog's. */
export const moneyRefusal = (status: ApiError["status"], phrase: Phrase): ApiError => wordedApiError(status, moneyWords, phrase);
