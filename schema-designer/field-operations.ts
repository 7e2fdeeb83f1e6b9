import type { FieldKind, FieldSchema, WorkspaceSchema } from "@runtime/schema/types";
import { assertKind, buildFieldDefinition, portableOptions, type FieldOptions } from "./field-definition";
import { assertFreeFieldKey, assertStillValid, cloneSchema, freshId, getField, getTable } from "./shared";

export interface NewField {
  key: string;
  kind: FieldKind;
  title?: string;
  options?: FieldOptions;
  /** Position among the table's fields; default: last. */
  index?: number;
  /** Ids still held by the trash, never to be reused. */
  reservedIds?: Iterable<string>;
}

function withoutIdentity(def: FieldSchema): FieldOptions {
  const { type: _type, "x-id": _id, "x-kind": _kind, ...rest } = def;
  return rest;
}

function insertAt<T>(record: Record<string, T>, key: string, value: T, index: number): Record<string, T> {
  const entries = Object.entries(record).filter(([k]) => k !== key);
  const at = Math.max(0, Math.min(index, entries.length));
  entries.splice(at, 0, [key, value]);
  return Object.fromEntries(entries);
}

function assertIndex(index: number, count: number, what: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= count)
    throw new Error(`${what}: position ${index} is outside the table's fields (0 to ${count - 1})`);
}

export function addField(schema: WorkspaceSchema, tableKey: string, args: NewField): WorkspaceSchema {
  const table = getTable(schema, tableKey);
  assertFreeFieldKey(table, tableKey, args.key);
  assertKind(args.kind);
  const where = `field "${args.key}" of table "${tableKey}"`;
  const options: FieldOptions = { ...(args.options ?? {}) };
  if (args.title !== undefined) options.title = args.title;
  const def = buildFieldDefinition(where, freshId(schema, "f", `${tableKey}_${args.key}`, args.reservedIds), args.kind, options);
  const count = Object.keys(table.properties).length;
  if (args.index !== undefined) assertIndex(args.index, count + 1, where);
  const next = cloneSchema(schema);
  next.$defs[tableKey].properties = insertAt(next.$defs[tableKey].properties, args.key, def, args.index ?? count);
  return assertStillValid(schema, next, `adding ${where}`);
}

export interface FieldLabels {
  /** The label staff see; null clears it (the key is humanized instead). */
  title?: string | null;
  /** Help text; null clears it. */
  description?: string | null;
}

export function setFieldLabel(schema: WorkspaceSchema, tableKey: string, fieldKey: string, labels: FieldLabels): WorkspaceSchema {
  getField(schema, tableKey, fieldKey);
  const next = cloneSchema(schema);
  const def = next.$defs[tableKey].properties[fieldKey];
  for (const name of ["title", "description"] as const) {
    const value = labels[name];
    if (value === undefined) continue;
    if (value === null || value.trim() === "") delete def[name];
    else def[name] = value;
  }
  return assertStillValid(schema, next, `changing the label of field "${tableKey}.${fieldKey}"`);
}

/**
 * Merges `options` into the field's definition; an option given as undefined is removed. The
 * result is checked against the kind's definition schema.
 */
export function setFieldOptions(schema: WorkspaceSchema, tableKey: string, fieldKey: string, options: FieldOptions): WorkspaceSchema {
  const current = getField(schema, tableKey, fieldKey);
  const where = `field "${fieldKey}" of table "${tableKey}"`;
  const merged = { ...withoutIdentity(structuredClone(current)), ...structuredClone(options) };
  const def = buildFieldDefinition(where, current["x-id"], current["x-kind"], merged);
  const next = cloneSchema(schema);
  next.$defs[tableKey].properties[fieldKey] = def;
  return assertStillValid(schema, next, `changing the options of ${where}`);
}

/** Property order is the default order of the card and the list. */
export function moveField(schema: WorkspaceSchema, tableKey: string, fieldKey: string, toIndex: number): WorkspaceSchema {
  const def = getField(schema, tableKey, fieldKey);
  const count = Object.keys(getTable(schema, tableKey).properties).length;
  assertIndex(toIndex, count, `moving field "${tableKey}.${fieldKey}"`);
  const next = cloneSchema(schema);
  next.$defs[tableKey].properties = insertAt(next.$defs[tableKey].properties, fieldKey, structuredClone(def), toIndex);
  return next;
}

/**
 * Same `x-id`, new kind: `plan` converts the column in place and keeps the old values in the
 * trash. Label, help text and flags the new kind allows carry over; `options` complete the rest.
 */
export function changeFieldKind(
  schema: WorkspaceSchema,
  tableKey: string,
  fieldKey: string,
  newKind: FieldKind,
  options: FieldOptions = {},
): WorkspaceSchema {
  const current = getField(schema, tableKey, fieldKey);
  assertKind(newKind);
  const where = `field "${fieldKey}" of table "${tableKey}" as ${newKind}`;
  const def = buildFieldDefinition(where, current["x-id"], newKind, { ...portableOptions(current, newKind), ...structuredClone(options) });
  const next = cloneSchema(schema);
  next.$defs[tableKey].properties[fieldKey] = def;
  return assertStillValid(schema, next, `changing the kind of field "${tableKey}.${fieldKey}" to ${newKind}`);
}

export function setRequired(schema: WorkspaceSchema, tableKey: string, fieldKey: string, required: boolean): WorkspaceSchema {
  getField(schema, tableKey, fieldKey);
  const next = cloneSchema(schema);
  const table = next.$defs[tableKey];
  const rest = (table.required ?? []).filter((k) => k !== fieldKey);
  // Kept in property order, so the document does not churn when a flag is toggled.
  const wanted = required ? Object.keys(table.properties).filter((k) => k === fieldKey || rest.includes(k)) : rest;
  if (wanted.length > 0) table.required = wanted;
  else delete table.required;
  return assertStillValid(schema, next, `making field "${tableKey}.${fieldKey}" ${required ? "required" : "optional"}`);
}
