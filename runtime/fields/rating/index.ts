import type { FieldSchema } from "../../schema/types";
import { defineFieldKind, fieldDefinitionSchema, isNullish, mapPresent, ok, ORDERED_OPERATORS, quote } from "../common";
import { refuse } from "../value-words";
import { formatNumberText, numberFromDb, parseIntegerText } from "../numbers";
import type { ParseResult } from "../types";

export const DEFAULT_STARS = 5;
export const MIN_STARS = 3;
export const MAX_STARS = 10;
const FILLED = "★";
const EMPTY = "☆";

/** The field's own `x-max`, a keyword the shared FieldSchema type does not list; undefined when it has none. */
export function declaredStars(field: FieldSchema): number | undefined {
  const max = (field as { "x-max"?: unknown })["x-max"];
  return typeof max === "number" && Number.isInteger(max) ? max : undefined;
}

/** How many stars the field offers. */
export const starsOf = (field: FieldSchema): number => declaredStars(field) ?? DEFAULT_STARS;

/** "4" or "★★★★" (empty stars ☆ may follow, as a printed rating has them). */
function parseRating(text: string, field: FieldSchema): ParseResult<number | null> {
  const trimmed = text.trim();
  if (trimmed === "") return ok(null);
  const stars = starsOf(field);
  const drawn = new RegExp(`^${FILLED}+${EMPTY}*$`).test(trimmed);
  const parsed = drawn ? ok([...trimmed].filter((c) => c === FILLED).length) : parseIntegerText(trimmed);
  if (!parsed.ok) return refuse("notRating", { value: quote(trimmed), stars });
  if (parsed.value < 1 || parsed.value > stars) return refuse("ratingRange", { value: quote(trimmed), stars });
  return parsed;
}

/** A whole number of stars, from 1 to `x-max` (5 unless it says otherwise). */
export const ratingKind = defineFieldKind({
  kind: "rating",
  label: "Rating",
  jsonType: "integer",
  definitionSchema: fieldDefinitionSchema("rating", {
    type: "integer",
    uniqueable: false,
    defaultSchema: { type: "integer", minimum: 1, maximum: MAX_STARS },
    properties: { "x-max": { type: "integer", minimum: MIN_STARS, maximum: MAX_STARS } },
  }),
  valueSchema: (field) => ({ type: "integer", minimum: 1, maximum: starsOf(field) }),
  column: () => ({ type: "integer" }),
  toDb: (value) => mapPresent(value, Number),
  fromDb: (raw) => numberFromDb(raw),
  filterOperators: ORDERED_OPERATORS,
  sortable: true,
  searchable: false,
  readOnly: false,
  valueClass: "number",
  printFilter: "display",
  parseText: parseRating,
  formatText: (value) => formatNumberText(value),
  formatDisplay: (value, field) => {
    if (isNullish(value) || typeof value !== "number") return "";
    const stars = starsOf(field);
    const filled = Math.min(Math.max(Math.round(value), 0), stars);
    return FILLED.repeat(filled) + EMPTY.repeat(stars - filled);
  },
});
