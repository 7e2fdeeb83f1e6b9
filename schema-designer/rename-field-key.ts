import { renameInFormula } from "@runtime/formula/index";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { formulaSource, relationFill, relationList, relationTarget } from "@runtime/fields/structure";
import { assertFreeFieldKey, assertStillValid, cloneSchema, getField, getTable, renameKeyInOrder } from "./shared";

/** The related lists through which other tables' formulas read `tableKey`'s rows: target → list names. */
function listsOver(schema: WorkspaceSchema, tableKey: string): { target: string; list: string }[] {
  return Object.values(getTable(schema, tableKey).properties).flatMap((def) => {
    const target = relationTarget(def);
    const list = relationList(def);
    return target !== undefined && list !== undefined ? [{ target, list }] : [];
  });
}

/**
 * The key changes, the `x-id` stays, so `plan` renames the column and keeps its values. Every
 * reference by key inside the schema follows; layouts and saved views point by id and need nothing,
 * print templates are the caller's (see `renameRecordReference`).
 */
export function renameFieldKey(schema: WorkspaceSchema, tableKey: string, oldKey: string, newKey: string): WorkspaceSchema {
  getField(schema, tableKey, oldKey);
  if (newKey === oldKey) return cloneSchema(schema);
  assertFreeFieldKey(getTable(schema, tableKey), tableKey, newKey);
  const next = cloneSchema(schema);
  const table = next.$defs[tableKey];
  const follow = (key: string | undefined) => (key === oldKey ? newKey : key);

  table.properties = renameKeyInOrder(table.properties, oldKey, newKey);
  for (const def of Object.values(table.properties)) {
    const source = formulaSource(def);
    if (source !== undefined) def["x-formula"] = renameInFormula(source, { fields: { [oldKey]: newKey } });
    if (def["x-currency-field"] === oldKey) def["x-currency-field"] = newKey;
    if (def["x-date-field"] === oldKey) def["x-date-field"] = newKey;
    if (def["x-assign-when"]?.field === oldKey) def["x-assign-when"].field = newKey;
  }
  if (table["x-title-field"] === oldKey) table["x-title-field"] = newKey;
  if (table["x-owner-field"] === oldKey) table["x-owner-field"] = newKey;
  const about = table["x-about"];
  if (about) table["x-about"] = { table: follow(about.table) as string, id: follow(about.id) as string };
  if (table.required) table.required = table.required.map((k) => follow(k) as string);
  for (const ix of table["x-indexes"] ?? []) ix.fields = ix.fields.map((k) => follow(k) as string);

  // Parents aggregate over this table's rows: `sum(items.net)` on invoices reads invoice_items.net.
  for (const { target, list } of listsOver(schema, tableKey)) {
    const parent = Object.hasOwn(next.$defs, target) ? next.$defs[target] : undefined;
    if (!parent) continue;
    for (const def of Object.values(parent.properties)) {
      const source = formulaSource(def);
      if (source !== undefined) def["x-formula"] = renameInFormula(source, { listFields: { [list]: { [oldKey]: newKey } } });
    }
  }
  // Fills name the filled field (this table) and the field they copy from (the picked table).
  for (const def of Object.values(table.properties)) {
    const fill = relationFill(def);
    if (fill && oldKey in fill)
      def["x-fill"] = Object.fromEntries(Object.entries(fill).map(([own, theirs]) => [own === oldKey ? newKey : own, theirs]));
  }
  for (const other of Object.values(next.$defs))
    for (const def of Object.values(other.properties)) {
      const fill = relationTarget(def) === tableKey ? relationFill(def) : undefined;
      if (fill) def["x-fill"] = Object.fromEntries(Object.entries(fill).map(([own, theirs]) => [own, follow(theirs) as string]));
    }
  // Locks, assertions and same-as name fields by key: an issued invoice's lock follows a rename.
  const lock = table["x-lock"];
  if (lock) {
    lock.fields = lock.fields.map((k) => follow(k) as string);
    lock.when = renameInFilter(lock.when, oldKey, newKey);
    if (lock.stays) lock.stays = renameInFilter(lock.stays, oldKey, newKey);
  }
  for (const a of table["x-assert"] ?? []) a.that = renameInFilter(a.that, oldKey, newKey);
  for (const def of Object.values(table.properties)) {
    for (const keyword of LINKED_KEYWORDS) {
      const [via, field] = def[keyword]?.split(".") ?? [];
      if (via === oldKey) def[keyword] = `${newKey}.${field}`;
    }
    const from = def["x-converted-from"];
    if (from) for (const part of ["amount", "currency", "date"] as const) if (from[part] === oldKey) from[part] = newKey;
  }
  for (const other of Object.values(next.$defs))
    for (const def of Object.values(other.properties))
      for (const keyword of LINKED_KEYWORDS) {
        const [via, field] = def[keyword]?.split(".") ?? [];
        const link = via === undefined ? undefined : other.properties[via];
        if (field === oldKey && link && relationTarget(link) === tableKey) def[keyword] = `${via}.${newKey}`;
      }
  return assertStillValid(schema, next, `renaming field "${tableKey}.${oldKey}" to "${newKey}"`);
}

/** Keywords naming a field of a linked record, `relation.field`. */
const LINKED_KEYWORDS = ["x-same-as", "x-at-most"] as const;

/** A list filter (`{field, op, value}`, `and`, `or`, `not`) with one field key renamed. */
function renameInFilter<F>(filter: F, oldKey: string, newKey: string): F {
  if (Array.isArray(filter)) return filter.map((f) => renameInFilter(f, oldKey, newKey)) as F;
  if (filter === null || typeof filter !== "object") return filter;
  return Object.fromEntries(
    Object.entries(filter).map(([k, v]) =>
      k === "field" && v === oldKey ? [k, newKey] : [k, k === "value" ? v : renameInFilter(v, oldKey, newKey)],
    ),
  ) as F;
}
