import type { Knex } from "knex";
import { recordRefusal } from "../records/record-words";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import { plan } from "../migrations/plan";
import type { MigrationStep } from "../migrations/steps";
import type { FieldSchema, TableSchema, WorkspaceSchema } from "../schema/types";
import { withFieldRestored } from "./restore-position";
import type { WorkspaceService } from "./workspace.server";
import { trashRefusal } from "./workspace-words";

export interface TrashEntry {
  id: number;
  kind: "record" | "field" | "table";
  table: string;
  field: string | null;
  recordId: number | null;
  label: string | null;
  deletedAt: string;
  schemaVersion: number;
}

interface TrashRow {
  id: number;
  kind: "record" | "field" | "table";
  table_id: string;
  table_key: string;
  field_id: string | null;
  field_key: string | null;
  record_id: number | null;
  label: string | null;
  storage: string | null;
  definition: string | null;
  schema_version: number;
  deleted_at: string;
  restored_at: string | null;
}

export async function listTrash(db: Knex, options: { kind?: TrashEntry["kind"]; limit?: number } = {}): Promise<TrashEntry[]> {
  const q = db(SYSTEM_TABLES.trash)
    .whereNull("restored_at")
    .orderBy("id", "desc")
    .limit(options.limit ?? 200);
  if (options.kind) q.where({ kind: options.kind });
  return ((await q) as TrashRow[]).map(trashEntryOf);
}

/** A row of the trash table as the API and the trash screen show it. */
export function trashEntryOf(
  r: Pick<TrashRow, "id" | "kind" | "table_key" | "field_key" | "record_id" | "label" | "deleted_at" | "schema_version">,
): TrashEntry {
  return {
    id: Number(r.id),
    kind: r.kind,
    table: r.table_key,
    field: r.field_key,
    recordId: r.record_id === null ? null : Number(r.record_id),
    label: r.label,
    deletedAt: String(r.deleted_at),
    schemaVersion: Number(r.schema_version),
  };
}

function freeKey(wanted: string, taken: (key: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted.slice(0, 55)}_restored${n === 2 ? "" : n}`;
    if (!taken(candidate)) return candidate;
  }
}

function allIds(schema: WorkspaceSchema): Set<string> {
  const ids = new Set<string>();
  for (const t of Object.values(schema.$defs)) {
    ids.add(t["x-id"]);
    for (const f of Object.values(t.properties)) ids.add(f["x-id"]);
    for (const ix of t["x-indexes"] ?? []) ids.add(ix["x-id"]);
  }
  return ids;
}

/**
 * Brings a removed field or table back with its values: a schema change whose plan renames the
 * trashed column or table back instead of creating an empty one. The field keeps its key unless a
 * newer field took it (then `<key>_restored`); the old values of a field whose kind changed come
 * back as a field of their own, beside the converted one.
 */
export async function restoreFromTrash(
  db: Knex,
  workspace: WorkspaceService,
  trashId: number,
  actorId: number | null = null,
): Promise<{ version: number; key: string }> {
  const row = (await db(SYSTEM_TABLES.trash).where({ id: trashId }).first()) as TrashRow | undefined;
  if (!row || row.restored_at) throw recordRefusal(404, "refusals.trash.entryGone", { id: trashId });
  if (row.kind === "record") throw trashRefusal(400, "isRecord", { id: trashId, table: row.table_key, record: row.record_id });
  const { version, schema } = await workspace.current();
  const next = structuredClone(schema);
  const ids = allIds(next);
  const definition = JSON.parse(row.definition ?? "{}");

  if (row.kind === "field") {
    const tableKey = Object.keys(next.$defs).find((k) => next.$defs[k]["x-id"] === row.table_id);
    if (!tableKey) throw recordRefusal(409, "refusals.trash.tableInTrash", { field: row.label });
    const table = next.$defs[tableKey];
    const field = definition as FieldSchema;
    if (ids.has(field["x-id"])) field["x-id"] = freeKey(`${field["x-id"]}_old`, (k) => ids.has(k));
    const key = freeKey(row.field_key!, (k) => k in table.properties);
    if (key !== row.field_key) field.title = `${field.title ?? row.field_key} (restored)`;
    table.properties = withFieldRestored(table.properties, key, field, await fieldOrderWhenRemoved(db, row));
    const steps = replaceStep(plan(schema, next).steps, "add_column", (s) => s.op === "add_column" && s.fieldId === field["x-id"], {
      op: "restore_column",
      table: tableKey,
      column: key,
      fieldId: field["x-id"],
      trashName: row.storage!,
      destructive: false,
      description: `Restore field “${field.title ?? key}” of “${table["x-plural"] ?? table.title ?? tableKey}” with its values`,
    });
    const result = await workspace.applySteps({ baseVersion: version, schema: next, steps, actorId });
    return { version: result.version, key };
  }

  const table = definition as TableSchema;
  if (ids.has(table["x-id"])) throw recordRefusal(409, "refusals.trash.idTaken", { id: table["x-id"] });
  const key = freeKey(row.table_key, (k) => k in next.$defs);
  next.$defs[key] = table;
  const steps = replaceStep(plan(schema, next).steps, "create_table", (s) => s.op === "create_table" && s.tableId === table["x-id"], {
    op: "restore_table",
    table: key,
    tableId: table["x-id"],
    trashName: row.storage!,
    destructive: false,
    description: `Restore table “${table["x-plural"] ?? table.title ?? key}” with its records`,
  });
  const result = await workspace.applySteps({ baseVersion: version, schema: next, steps, actorId });
  return { version: result.version, key };
}

/** The x-ids of the removed field's table, in order, in the schema it was removed from (empty if unknown). */
async function fieldOrderWhenRemoved(db: Knex, row: TrashRow): Promise<string[]> {
  const stored = (await db(SYSTEM_TABLES.schemaVersions).where({ version: row.schema_version }).first()) as { schema: string } | undefined;
  if (!stored) return [];
  const then = JSON.parse(stored.schema) as WorkspaceSchema;
  const table = Object.values(then.$defs).find((t) => t["x-id"] === row.table_id);
  return table ? Object.values(table.properties).map((f) => f["x-id"]) : [];
}

function replaceStep(
  steps: MigrationStep[],
  op: string,
  match: (s: MigrationStep) => boolean,
  replacement: MigrationStep,
): MigrationStep[] {
  const i = steps.findIndex(match);
  if (i < 0) throw new Error(`restore plan has no ${op} step to replace`);
  return [...steps.slice(0, i), replacement, ...steps.slice(i + 1)];
}
