import { say, type Phrase, type Words } from "../i18n/words";
import type { FieldErrors } from "./validation";

// The phrases of a write's field problems live beside its `FieldErrors` (field → English) for as
// long as that object does: the checks that add them run in many places (validation, relations,
// uniqueness, conversions, balances), and threading a second map through every one of them would
// change each signature for what only a card reads.
const phrases = new WeakMap<FieldErrors, Map<string, { message: string; phrase: Phrase }>>();

/** Notes a field's problem as a phrase: its English in `errors` (what the API answers), the phrase beside it. */
export function addFieldPhrase(errors: FieldErrors, field: string, english: Words, phrase: Phrase): void {
  const message = say(phrase, english);
  errors[field] = message;
  let known = phrases.get(errors);
  if (!known) phrases.set(errors, (known = new Map()));
  known.set(field, { message, phrase });
}

/** The phrases of `errors` whose English is still the field's message (a later check may have said something else). */
export function fieldPhrases(errors: FieldErrors): Record<string, Phrase> {
  const out: Record<string, Phrase> = {};
  for (const [field, { message, phrase }] of phrases.get(errors) ?? []) if (errors[field] === message) out[field] = phrase;
  return out;
}

/** `Object.assign(into, from)` for field problems, their phrases too. */
export function mergeFieldErrors(into: FieldErrors, from: FieldErrors): void {
  Object.assign(into, from);
  const known = phrases.get(from);
  if (!known) return;
  let target = phrases.get(into);
  if (!target) phrases.set(into, (target = new Map()));
  for (const [field, said] of known) target.set(field, said);
}
