import { defineFieldKind, fail, fieldDefinitionSchema, isNullish, keySchema, mapPresent, ok, quote, RELATION_OPERATORS } from "../common";
import { numberFromDb } from "../numbers";

export const relationKind = defineFieldKind({
  kind: "relation",
  label: "Link to record",
  jsonType: "integer",
  definitionSchema: fieldDefinitionSchema("relation", {
    type: "integer",
    required: ["x-target"],
    properties: {
      "x-target": keySchema,
      "x-inverse": keySchema,
      "x-composition": { type: "boolean" },
    },
  }),
  // The column is a signed INT on MySQL.
  valueSchema: () => ({ type: "integer", minimum: 1, maximum: 2_147_483_647 }),
  // Record ids are auto-increment integers on both dialects.
  column: () => ({ type: "integer" }),
  toDb: (value) => mapPresent(value, Number),
  fromDb: (raw) => numberFromDb(raw),
  filterOperators: RELATION_OPERATORS,
  sortable: true,
  searchable: false,
  readOnly: false,
  parseText: (text) => {
    const trimmed = text.trim();
    if (trimmed === "") return ok(null);
    const id = Number(trimmed);
    if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(id) || id < 1) {
      return fail(`${quote(trimmed)} is not a record id: use the linked record's id, a whole number such as 42`);
    }
    return ok(id);
  },
  formatText: (value) => (isNullish(value) ? "" : String(value)),
  // The target's title needs a database read; the records service replaces this where it can.
  formatDisplay: (value) => (isNullish(value) ? "" : `#${String(value)}`),
});
