import { type ApiError, wordedApiError } from "@runtime/errors";
import { englishWords } from "@runtime/i18n/words";

/**
 * What the card's timeline (notes, calls, quick adds) and the audit trail say when they refuse, in
 * English for the API; the card says the same phrases in its reader's language.
 */
export const CARD_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.card.notText": "{{name}} must be text",
  "refusals.card.required": "{{name}} is required",
  "refusals.card.addShape": 'send { "type": "note", "text": "…" }',
  "refusals.card.addType": "type must be one of {{types}}",
  "refusals.card.noAdds": "{{tables}} have no {{type}}s to add",
  "refusals.card.noTasks": "{{tables}} have no tasks: leave the next step empty",
  "refusals.card.mayNotTask": "Your role may not create tasks, so the next step cannot be kept: leave it empty to log the call alone",
  "refusals.card.badTime": "{{name}} must be a date and time such as 2026-12-06T09:30:00Z",
  "refusals.card.minutes": "durationMinutes must be a whole number of minutes from 0 to {{max}}",
  "refusals.card.result": "result must be one of {{results}}",
  "refusals.card.nextStepShape": 'nextStep must be { "subject", "due"? }',
  "refusals.card.nextStepSubject": "nextStep.subject is required: what is the next step?",
};
const english = englishWords(CARD_ENGLISH);

/** A refusal (`refusals.card.<key>`) whose English message is the catalog's. */
export const cardRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}): ApiError =>
  wordedApiError(status, english, { key: `refusals.card.${key}`, values });
