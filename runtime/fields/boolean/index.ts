import { BOOLEAN_OPERATORS, defineFieldKind, fieldDefinitionSchema, isNullish, ok, quote } from "../common";
import { refuse } from "../value-words";

const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);

export const booleanKind = defineFieldKind({
  kind: "boolean",
  listTier: 0,
  label: "Yes/No",
  jsonType: "boolean",
  definitionSchema: fieldDefinitionSchema("boolean", {
    type: "boolean",
    defaultSchema: { type: "boolean" },
    uniqueable: false,
  }),
  valueSchema: () => ({ type: "boolean" }),
  column: () => ({ type: "boolean" }),
  // better-sqlite3 cannot bind booleans, and MySQL's BOOLEAN is TINYINT(1): store 1/0 on both.
  toDb: (value) => (isNullish(value) ? null : value ? 1 : 0),
  fromDb: (raw) => {
    if (isNullish(raw)) return null;
    if (typeof raw === "string") return raw !== "0" && raw.toLowerCase() !== "false" && raw !== "";
    if (raw instanceof Uint8Array) return raw.some((byte) => byte !== 0);
    return Boolean(Number(raw));
  },
  filterOperators: BOOLEAN_OPERATORS,
  sortable: true,
  searchable: false,
  readOnly: false,
  valueClass: "boolean",
  printFilter: "boolean",
  // A checkbox is always yes or no.
  blankValue: false,
  parseText: (text) => {
    const word = text.trim().toLowerCase();
    if (word === "") return ok(null);
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
    return refuse("notBoolean", { value: quote(text.trim()) });
  },
  formatText: (value) => (isNullish(value) ? "" : value ? "true" : "false"),
  formatDisplay: (value) => (isNullish(value) ? "" : value ? "Yes" : "No"),
});
