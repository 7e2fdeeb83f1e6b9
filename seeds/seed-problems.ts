/**
 * Checks seed records against a workspace schema without a database: unknown keys, wrong JSON
 * types, values the server computes, options not in a select, references to the wrong table or
 * to a record not created yet. Used by the seed tests; also useful to check hand-written seeds.
 */
import type { FieldSchema, TableSchema, WorkspaceSchema } from "@runtime/schema/types";
import { USERS_TABLE } from "@runtime/schema/types";
import { isComposition, isRelation, relationList, relationTarget } from "@runtime/fields/structure";
import { isRecordRef, parseRecordRef, type SeedRecord } from "./seed-record";

const COMPUTED_KINDS = new Set(["formula", "autonumber"]);

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** JSON Schema's one narrowing: every integer is a number. */
const NARROWER: Partial<Record<FieldSchema["type"], string>> = { number: "integer" };

function hasJsonType(value: unknown, type: FieldSchema["type"]): boolean {
  const actual = jsonTypeOf(value);
  return actual === type || NARROWER[type] === actual;
}

/** The composition lists of a table: `items` on invoices → the invoice_items table and its parent field. */
export function compositionLists(schema: WorkspaceSchema, tableKey: string): Map<string, { table: string; parentField: string }> {
  const lists = new Map<string, { table: string; parentField: string }>();
  for (const [childKey, child] of Object.entries(schema.$defs)) {
    for (const [fieldKey, field] of Object.entries(child.properties)) {
      const list = relationList(field);
      if (isComposition(field) && relationTarget(field) === tableKey && list) lists.set(list, { table: childKey, parentField: fieldKey });
    }
  }
  return lists;
}

interface CheckContext {
  schema: WorkspaceSchema;
  /** `<table>/<ref>` of every record created so far. */
  known: Set<string>;
  problems: string[];
}

function checkValue(ctx: CheckContext, where: string, field: FieldSchema, value: unknown): void {
  if (value === null) return;
  if (isRecordRef(value)) {
    if (!isRelation(field)) {
      ctx.problems.push(`${where}: a $ref in a ${field["x-kind"]} field`);
      return;
    }
    const target = parseRecordRef(value.$ref);
    if (!target) ctx.problems.push(`${where}: "${value.$ref}" is not of the form <table>/<ref>`);
    else if (target.table !== field["x-target"])
      ctx.problems.push(`${where}: "${value.$ref}" points at ${target.table}, the field at ${field["x-target"]}`);
    else if (!ctx.known.has(value.$ref)) ctx.problems.push(`${where}: "${value.$ref}" is not defined before it`);
    return;
  }
  if (isRelation(field) && !(Number.isInteger(value) && (value as number) >= 1)) {
    ctx.problems.push(`${where}: a relation holds a positive id or a $ref, not ${JSON.stringify(value)}`);
    return;
  }
  if (!hasJsonType(value, field.type)) {
    ctx.problems.push(`${where}: expected ${field.type}, got ${jsonTypeOf(value)} ${JSON.stringify(value)}`);
    return;
  }
  if (field.enum && !field.enum.includes(value as string)) {
    ctx.problems.push(`${where}: ${JSON.stringify(value)} is not one of ${field.enum.join(", ")}`);
  }
  if (typeof value === "string" && field.maxLength !== undefined && value.length > field.maxLength) {
    ctx.problems.push(`${where}: ${value.length} characters, at most ${field.maxLength} allowed`);
  }
  if (
    typeof value === "number" &&
    ((field.minimum !== undefined && value < field.minimum) || (field.maximum !== undefined && value > field.maximum))
  ) {
    ctx.problems.push(`${where}: ${value} is out of range`);
  }
}

function checkValues(
  ctx: CheckContext,
  where: string,
  tableKey: string,
  table: TableSchema,
  values: Record<string, unknown>,
  parentField?: string,
): void {
  const lists = compositionLists(ctx.schema, tableKey);
  for (const required of table.required ?? []) {
    if (required !== parentField && (values[required] === undefined || values[required] === null)) {
      ctx.problems.push(`${where}: required field "${required}" is missing`);
    }
  }
  for (const [key, value] of Object.entries(values)) {
    const field = table.properties[key];
    const list = lists.get(key);
    if (list) {
      if (!Array.isArray(value)) {
        ctx.problems.push(`${where}.${key}: a composition list must be an array`);
        continue;
      }
      value.forEach((child, i) =>
        checkValues(
          ctx,
          `${where}.${key}[${i}]`,
          list.table,
          ctx.schema.$defs[list.table],
          child as Record<string, unknown>,
          list.parentField,
        ),
      );
      continue;
    }
    if (!field) {
      ctx.problems.push(`${where}: "${key}" is not a field of ${tableKey}`);
      continue;
    }
    if (key === parentField) ctx.problems.push(`${where}: "${key}" is set by the parent and must not be given`);
    if (COMPUTED_KINDS.has(field["x-kind"])) ctx.problems.push(`${where}: "${key}" is computed by the server (${field["x-kind"]})`);
    // The record half of an "about" link (a note about any record) holds a $ref to a record of
    // the table its other half names.
    if (table["x-about"]?.id === key && isRecordRef(value)) {
      const target = parseRecordRef(value.$ref);
      const named = values[table["x-about"].table];
      if (!target || target.table !== named)
        ctx.problems.push(
          `${where}.${key}: "${value.$ref}" must point at a record of the table in "${table["x-about"].table}" (${String(named)})`,
        );
      else if (!ctx.known.has(value.$ref)) ctx.problems.push(`${where}.${key}: "${value.$ref}" is not defined before it`);
      continue;
    }
    checkValue(ctx, `${where}.${key}`, field, value);
  }
}

/**
 * Every problem of `records` (created in order, after `users`) against `schema`, as readable lines;
 * empty when the seeds would load.
 */
export function seedProblems(schema: WorkspaceSchema, records: readonly SeedRecord[], users: readonly { ref: string }[] = []): string[] {
  const ctx: CheckContext = { schema, known: new Set(users.map((u) => `${USERS_TABLE}/${u.ref}`)), problems: [] };
  for (const record of records) {
    const id = `${record.table}/${record.ref}`;
    const table = schema.$defs[record.table];
    if (!table) ctx.problems.push(`${id}: no table "${record.table}" in the schema`);
    else checkValues(ctx, id, record.table, table, record.values);
    if (ctx.known.has(id)) ctx.problems.push(`${id}: defined twice`);
    ctx.known.add(id);
  }
  return ctx.problems;
}
