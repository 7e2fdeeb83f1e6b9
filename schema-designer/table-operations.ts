import type { NavigationGroup, WorkspaceSchema } from "@runtime/schema/types";
import { relationList, relationTarget } from "@runtime/fields/structure";
import { usesOfField } from "./remove-field";
import { assertFreeTableKey, assertStillValid, cloneSchema, freshId, getTable, refusal, relationsTo, renameKeyInOrder } from "./shared";

export interface NewTable {
  key: string;
  title: string;
  plural?: string;
  group?: string;
  /** Ids still held by the trash, never to be reused. */
  reservedIds?: Iterable<string>;
}

function assertGroup(schema: WorkspaceSchema, group: string): void {
  const groups = schema["x-groups"] ?? [];
  if (!groups.some((g) => g.key === group)) {
    const known = groups.length > 0 ? groups.map((g) => g.key).join(", ") : "none are defined yet";
    throw new Error(`navigation group "${group}" does not exist (groups: ${known}); create it first or pick an existing one`);
  }
}

/** Places a new table last in its navigation group. */
function nextOrder(schema: WorkspaceSchema, group: string | undefined): number {
  const orders = Object.values(schema.$defs)
    .filter((t) => t["x-group"] === group)
    .map((t) => t["x-order"] ?? 0);
  return orders.length === 0 ? 1 : Math.max(...orders) + 1;
}

export function addTable(schema: WorkspaceSchema, args: NewTable): WorkspaceSchema {
  assertFreeTableKey(schema, args.key);
  if (typeof args.title !== "string" || args.title.trim() === "") throw new Error(`table "${args.key}" needs a title, e.g. "Project"`);
  if (args.group !== undefined) assertGroup(schema, args.group);
  const next = cloneSchema(schema);
  next.$defs[args.key] = {
    type: "object",
    "x-id": freshId(schema, "t", args.key, args.reservedIds),
    title: args.title,
    ...(args.plural !== undefined ? { "x-plural": args.plural } : {}),
    ...(args.group !== undefined ? { "x-group": args.group } : {}),
    "x-order": nextOrder(schema, args.group),
    properties: {},
    additionalProperties: false,
  };
  return assertStillValid(schema, next, `adding table "${args.key}"`);
}

/** The key changes, the `x-id` stays: `plan` renames the table and keeps its rows. */
export function renameTable(schema: WorkspaceSchema, tableKey: string, newKey: string): WorkspaceSchema {
  getTable(schema, tableKey);
  if (newKey === tableKey) return cloneSchema(schema);
  assertFreeTableKey(schema, newKey);
  const next = cloneSchema(schema);
  next.$defs = renameKeyInOrder(next.$defs, tableKey, newKey);
  for (const table of Object.values(next.$defs))
    for (const field of Object.values(table.properties)) if (relationTarget(field) === tableKey) field["x-target"] = newKey;
  return assertStillValid(schema, next, `renaming table "${tableKey}" to "${newKey}"`);
}

export interface TableLabels {
  /** Singular label; null clears it (the key is humanized instead). */
  title?: string | null;
  plural?: string | null;
  description?: string | null;
}

export function setTableLabels(schema: WorkspaceSchema, tableKey: string, labels: TableLabels): WorkspaceSchema {
  getTable(schema, tableKey);
  const next = cloneSchema(schema);
  const table = next.$defs[tableKey];
  const set = (name: "title" | "x-plural" | "description", value: string | null | undefined) => {
    if (value === undefined) return;
    if (value === null || value.trim() === "") delete table[name];
    else table[name] = value;
  };
  set("title", labels.title);
  set("x-plural", labels.plural);
  set("description", labels.description);
  return assertStillValid(schema, next, `changing the labels of table "${tableKey}"`);
}

/** Refuses while another table links here: those relations would point at nothing. */
export function removeTable(schema: WorkspaceSchema, tableKey: string): WorkspaceSchema {
  getTable(schema, tableKey);
  const incoming = relationsTo(schema, tableKey).filter((r) => r.table !== tableKey);
  if (incoming.length > 0)
    throw refusal("tableLinked", { table: tableKey, links: incoming.map((r) => `${r.table}.${r.field}`).join(", ") });
  // Parents' formulas that aggregate over this table's rows would lose their list.
  const formulas = Object.entries(getTable(schema, tableKey).properties)
    .filter(([, def]) => relationList(def) !== undefined)
    .flatMap(([key]) => usesOfField(schema, tableKey, key).filter((u) => u.formula && u.formula.table !== tableKey))
    .map((u) => u.phrase);
  const reading = [...new Map(formulas.map((p) => [JSON.stringify(p), p])).values()];
  if (formulas.length > 0) throw refusal("tableRead", { table: tableKey, formulas: reading, count: formulas.length });
  const next = cloneSchema(schema);
  delete next.$defs[tableKey];
  return assertStillValid(schema, next, `removing table "${tableKey}"`);
}

/**
 * The navigation order: `order` lists every table key once. `x-order` is renumbered 1, 2, 3… and
 * `$defs` follows, so the document reads in the same order as the menu.
 */
export function reorderTables(schema: WorkspaceSchema, order: string[]): WorkspaceSchema {
  const keys = Object.keys(schema.$defs);
  const missing = keys.filter((k) => !order.includes(k));
  const unknown = order.filter((k) => !keys.includes(k));
  const repeated = order.filter((k, i) => order.indexOf(k) !== i);
  if (missing.length || unknown.length || repeated.length) {
    const parts = [
      missing.length ? `missing: ${missing.join(", ")}` : "",
      unknown.length ? `not tables: ${unknown.join(", ")}` : "",
      repeated.length ? `listed twice: ${[...new Set(repeated)].join(", ")}` : "",
    ].filter(Boolean);
    throw new Error(`the new table order must list every table exactly once (${parts.join("; ")})`);
  }
  const next = cloneSchema(schema);
  const defs: WorkspaceSchema["$defs"] = {};
  order.forEach((key, i) => {
    defs[key] = { ...next.$defs[key], "x-order": i + 1 };
  });
  next.$defs = defs;
  return assertStillValid(schema, next, "reordering tables");
}

/**
 * Moves a table into a navigation group (last in it), or out of every group with null. A group
 * given as `{ key, title }` is created when it does not exist yet.
 */
export function setGroup(schema: WorkspaceSchema, tableKey: string, group: string | NavigationGroup | null): WorkspaceSchema {
  getTable(schema, tableKey);
  const next = cloneSchema(schema);
  const table = next.$defs[tableKey];
  if (group === null) {
    delete table["x-group"];
    return assertStillValid(schema, next, `taking table "${tableKey}" out of its group`);
  }
  const key = typeof group === "string" ? group : group.key;
  if (typeof group !== "string" && !(next["x-groups"] ?? []).some((g) => g.key === key)) {
    if (typeof group.title !== "string" || group.title.trim() === "") throw new Error(`navigation group "${key}" needs a title`);
    next["x-groups"] = [...(next["x-groups"] ?? []), { key, title: group.title }];
  } else assertGroup(next, key);
  if (table["x-group"] !== key) {
    table["x-group"] = key;
    table["x-order"] = nextOrder({ ...next, $defs: Object.fromEntries(Object.entries(next.$defs).filter(([k]) => k !== tableKey)) }, key);
  }
  return assertStillValid(schema, next, `moving table "${tableKey}" to group "${key}"`);
}
