import { formulaReferencesField, formulaReferencesList } from "@runtime/formula/index";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { relationFill, relationList, relationTarget } from "@runtime/fields/structure";
import type { Phrase } from "@runtime/i18n/words";
import { assertStillValid, cloneSchema, formulasOf, getField, getTable, refusal } from "./shared";
import { english } from "./words";

/** Something in the schema that uses a field, with how to drop that use. */
export interface FieldUse {
  /** For messages, e.g. `formula invoices.total` or `index i_events_open_by_assignee`. */
  label: string;
  /** The label as a catalog message (`schemaDesigner.uses.*`), for screens in other languages. */
  phrase: Phrase;
  /** A formula field to remove along with it (cascade), as table and key. */
  formula?: { table: string; field: string };
  drop?: (schema: WorkspaceSchema) => void;
}

/** A use's label and phrase, from its `schemaDesigner.uses.*` message. */
function named(key: string, values: Record<string, unknown>): Pick<FieldUse, "label" | "phrase"> {
  const phrase = { key: `schemaDesigner.uses.${key}`, values };
  return { label: english(phrase.key, values), phrase };
}

/** Formulas, indexes and field settings of the schema that name `tableKey.fieldKey`. */
export function usesOfField(schema: WorkspaceSchema, tableKey: string, fieldKey: string): FieldUse[] {
  const table = getTable(schema, tableKey);
  const field = getField(schema, tableKey, fieldKey);
  const uses: FieldUse[] = [];

  for (const [key, source] of formulasOf(table))
    if (key !== fieldKey && formulaReferencesField(source, fieldKey))
      uses.push({ ...named("formula", { field: `${tableKey}.${key}` }), formula: { table: tableKey, field: key } });

  // Parents that aggregate over this table: a child field read through a list, or the whole list
  // when the removed field is the relation that makes the list.
  for (const def of Object.values(table.properties)) {
    const parentKey = relationTarget(def);
    const list = relationList(def);
    if (parentKey === undefined || list === undefined || !Object.hasOwn(schema.$defs, parentKey)) continue;
    const wholeList = def === field;
    for (const [key, source] of formulasOf(schema.$defs[parentKey]))
      if (wholeList ? formulaReferencesList(source, list) : formulaReferencesList(source, list, fieldKey))
        uses.push({ ...named("formula", { field: `${parentKey}.${key}` }), formula: { table: parentKey, field: key } });
  }

  for (const ix of table["x-indexes"] ?? [])
    if (ix.fields.includes(fieldKey))
      uses.push({
        ...named("index", { index: ix["x-id"], fields: ix.fields.join(", ") }),
        drop: (s) => {
          const t = s.$defs[tableKey];
          t["x-indexes"] = (t["x-indexes"] ?? []).filter((i) => i["x-id"] !== ix["x-id"]);
          if (t["x-indexes"].length === 0) delete t["x-indexes"];
        },
      });

  if (table["x-owner-field"] === fieldKey)
    uses.push({ ...named("owner", { table: tableKey }), drop: (s) => void delete s.$defs[tableKey]["x-owner-field"] });
  if (table["x-about"]?.table === fieldKey || table["x-about"]?.id === fieldKey)
    uses.push({ ...named("about", { table: tableKey }), drop: (s) => void delete s.$defs[tableKey]["x-about"] });

  for (const [key, def] of Object.entries(table.properties)) {
    if (key === fieldKey) continue;
    if (def["x-currency-field"] === fieldKey)
      uses.push({
        ...named("currency", { field: `${tableKey}.${key}` }),
        drop: (s) => void delete s.$defs[tableKey].properties[key]["x-currency-field"],
      });
    if (def["x-date-field"] === fieldKey)
      uses.push({
        ...named("numberingYear", { field: `${tableKey}.${key}` }),
        drop: (s) => void delete s.$defs[tableKey].properties[key]["x-date-field"],
      });
    if (def["x-assign-when"]?.field === fieldKey)
      uses.push({
        ...named("numberingCondition", { field: `${tableKey}.${key}` }),
        drop: (s) => void delete s.$defs[tableKey].properties[key]["x-assign-when"],
      });
  }
  for (const [otherKey, other] of Object.entries(schema.$defs))
    for (const [key, def] of Object.entries(other.properties)) {
      const fill = relationFill(def);
      if (!fill || (otherKey === tableKey && key === fieldKey)) continue;
      const gone = Object.entries(fill).filter(
        ([own, theirs]) => (otherKey === tableKey && own === fieldKey) || (relationTarget(def) === tableKey && theirs === fieldKey),
      );
      if (gone.length)
        uses.push({
          ...named("fill", { field: `${otherKey}.${key}` }),
          drop: (s) => {
            const rest = Object.entries(fill).filter(([own]) => !gone.some(([g]) => g === own));
            const target = s.$defs[otherKey].properties[key];
            if (rest.length) target["x-fill"] = Object.fromEntries(rest);
            else delete target["x-fill"];
          },
        });
    }

  // The record lock and assertions: a locked field leaves the lock; a condition naming it goes.
  const lock = table["x-lock"];
  if (lock && (lock.fields.includes(fieldKey) || filterNames(lock.when, fieldKey) || filterNames(lock.stays, fieldKey)))
    uses.push({
      ...named("lock", { table: tableKey }),
      drop: (s) => {
        const t = s.$defs[tableKey];
        const l = t["x-lock"]!;
        l.fields = l.fields.filter((k) => k !== fieldKey);
        if (filterNames(l.stays, fieldKey)) delete l.stays;
        if (l.fields.length === 0 || filterNames(l.when, fieldKey)) delete t["x-lock"];
      },
    });
  // A relation that makes a parent's line list: the list leaves the parent's lock.
  const parentKey = relationTarget(field);
  const list = relationList(field);
  const parentLock = parentKey && list && Object.hasOwn(schema.$defs, parentKey) ? schema.$defs[parentKey]["x-lock"] : undefined;
  if (parentLock?.fields.includes(list!))
    uses.push({
      ...named("lock", { table: parentKey }),
      drop: (s) => {
        const t = s.$defs[parentKey!];
        t["x-lock"]!.fields = t["x-lock"]!.fields.filter((k) => k !== list);
        if (t["x-lock"]!.fields.length === 0) delete t["x-lock"];
      },
    });
  (table["x-assert"] ?? []).forEach((a) => {
    if (filterNames(a.that, fieldKey))
      uses.push({
        ...named("assertion", { table: tableKey, message: a.message.slice(0, 60) }),
        drop: (s) => {
          const t = s.$defs[tableKey];
          t["x-assert"] = (t["x-assert"] ?? []).filter((other) => other.message !== a.message);
          if (t["x-assert"].length === 0) delete t["x-assert"];
        },
      });
  });
  const checks = { "x-same-as": "sameAs", "x-at-most": "atMost" } as const;
  for (const [otherKey, other] of Object.entries(schema.$defs))
    for (const [key, def] of Object.entries(other.properties)) {
      for (const keyword of ["x-same-as", "x-at-most"] as const) {
        const [via, field] = def[keyword]?.split(".") ?? [];
        const link = via === undefined ? undefined : other.properties[via];
        if ((otherKey === tableKey && via === fieldKey) || (field === fieldKey && link && relationTarget(link) === tableKey))
          uses.push({
            ...named(checks[keyword], { field: `${otherKey}.${key}` }),
            drop: (s) => void delete s.$defs[otherKey].properties[key][keyword],
          });
      }
      const from = def["x-converted-from"];
      if (otherKey === tableKey && from && Object.values(from).includes(fieldKey))
        uses.push({
          ...named("conversion", { field: `${otherKey}.${key}` }),
          drop: (s) => void delete s.$defs[otherKey].properties[key]["x-converted-from"],
        });
    }
  return uses;
}

/** Whether a list filter (`{field, op, value}`, `and`, `or`, `not`) names the field. */
function filterNames(filter: unknown, fieldKey: string): boolean {
  if (Array.isArray(filter)) return filter.some((f) => filterNames(f, fieldKey));
  if (filter === null || typeof filter !== "object") return false;
  return Object.entries(filter).some(([k, v]) => (k === "field" ? v === fieldKey : k !== "value" && filterNames(v, fieldKey)));
}

function removeInPlace(schema: WorkspaceSchema, tableKey: string, fieldKey: string, cascade: boolean): void {
  if (!Object.hasOwn(schema.$defs, tableKey) || !Object.hasOwn(schema.$defs[tableKey].properties, fieldKey)) return;
  const uses = usesOfField(schema, tableKey, fieldKey);
  if (uses.length > 0 && !cascade) throw refusal("fieldUsed", { field: `${tableKey}.${fieldKey}`, uses: uses.map((u) => u.phrase) });
  for (const found of uses) {
    if (found.formula) removeInPlace(schema, found.formula.table, found.formula.field, cascade);
    else found.drop?.(schema);
  }
  const table = schema.$defs[tableKey];
  delete table.properties[fieldKey];
  if (table.required) {
    table.required = table.required.filter((k) => k !== fieldKey);
    if (table.required.length === 0) delete table.required;
  }
  // The title is optional: pickers fall back to the record id.
  if (table["x-title-field"] === fieldKey) delete table["x-title-field"];
}

/**
 * Removes a field; `plan` moves its values to the trash. Refuses while a formula, an index or a
 * field setting uses it, naming them, unless `cascade`, which drops those uses too (a formula
 * using it is removed, with whatever uses that formula in turn).
 */
export function removeField(
  schema: WorkspaceSchema,
  tableKey: string,
  fieldKey: string,
  opts: { cascade?: boolean } = {},
): WorkspaceSchema {
  getField(schema, tableKey, fieldKey);
  const next = cloneSchema(schema);
  removeInPlace(next, tableKey, fieldKey, opts.cascade === true);
  return assertStillValid(schema, next, `removing field "${tableKey}.${fieldKey}"`);
}
