import type { Knex } from "knex";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import type { RecordsService } from "../records/service.server";
import { requireAdmin, type Actor } from "../records/permissions";
import { restoredMessage } from "./trash-messages";
import { restoreFromTrash, trashEntryOf, type TrashEntry } from "./trash.server";
import type { WorkspaceService } from "./workspace.server";
import { trashRefusal } from "./workspace-words";

/** A trash entry as the admin's trash screen shows it. */
export interface TrashOverviewEntry extends TrashEntry {
  /** Today's key of the table it belongs to (tables can be renamed after), or null when that table is gone too. */
  currentTable: string | null;
  tableLabel: string;
  /** Who removed it: the record's deleter, or the admin who applied the schema change. */
  deletedBy: string | null;
  /** Values a field still holds, rows of a table, 1 for a record; null when unknown. */
  values: number | null;
}

interface Row {
  id: number;
  kind: TrashEntry["kind"];
  table_id: string;
  table_key: string;
  field_key: string | null;
  record_id: number | null;
  label: string | null;
  storage: string | null;
  schema_version: number;
  deleted_at: string;
  deleted_by: number | null;
}

/** Not restored yet, newest first; never the stored record data (it can be large). */
async function trashRows(db: Knex, options: { limit: number; id?: number }): Promise<Row[]> {
  const q = db(SYSTEM_TABLES.trash)
    .whereNull("restored_at")
    .orderBy("id", "desc")
    .limit(options.limit)
    .select(
      "id",
      "kind",
      "table_id",
      "table_key",
      "field_key",
      "record_id",
      "label",
      "storage",
      "schema_version",
      "deleted_at",
      "deleted_by",
    );
  if (options.id !== undefined) q.where({ id: options.id });
  return (await q) as Row[];
}

/**
 * Counts non-null values of several columns of one table in one scan (a column that is gone
 * counts as unknown). A count is a courtesy: on any failure the entries are still listed and
 * restorable without it.
 */
async function countColumns(db: Knex, table: string, columns: (string | null)[]): Promise<(number | null)[]> {
  try {
    if (!(await db.schema.hasTable(table))) return columns.map(() => null);
    const present = await Promise.all(columns.map((c) => (c === null ? true : db.schema.hasColumn(table, c))));
    const counted = columns.map((c, i) => (present[i] ? c : undefined)).filter((c): c is string | null => c !== undefined);
    const row = (await db(table).first(
      counted.map((c, i) => db.raw(c === null ? "count(*) as ??" : "count(??) as ??", c === null ? [`n${i}`] : [c, `n${i}`])),
    )) as Record<string, number | string> | undefined;
    let next = 0;
    return columns.map((_, i) => (present[i] ? Number(row?.[`n${next++}`] ?? 0) : null));
  } catch {
    return columns.map(() => null);
  }
}

/**
 * Values each entry holds: 1 for a record, the rows of a trashed table, the non-null values of a
 * trashed field's column. Fields waiting in the same table are counted in one scan of it, so a
 * trash of many fields of a big table does not read that table once per field.
 */
async function valueCounts(db: Knex, rows: Row[], holderOf: (r: Row) => string | null): Promise<Map<number, number | null>> {
  const counts = new Map<number, number | null>();
  const byTable = new Map<string, { id: number; column: string | null }[]>();
  for (const r of rows) {
    if (r.kind === "record") {
      counts.set(r.id, 1);
      continue;
    }
    const holder = r.kind === "table" ? r.storage : r.storage ? holderOf(r) : null;
    if (!holder) {
      counts.set(r.id, null);
      continue;
    }
    const list = byTable.get(holder) ?? [];
    list.push({ id: r.id, column: r.kind === "table" ? null : r.storage });
    byTable.set(holder, list);
  }
  for (const [table, entries] of byTable) {
    const found = await countColumns(
      db,
      table,
      entries.map((e) => e.column),
    );
    entries.forEach((e, i) => counts.set(e.id, found[i]));
  }
  return counts;
}

/**
 * The trash with who removed each entry and how much data it holds. A trashed field's values wait in
 * a renamed column of its table (or of that table's own trashed copy, when the table went too).
 */
export async function trashOverview(
  db: Knex,
  workspace: Pick<WorkspaceService, "current">,
  options: { limit?: number; id?: number } = {},
): Promise<TrashOverviewEntry[]> {
  const rows = await trashRows(db, { limit: options.limit ?? 200, id: options.id });
  if (rows.length === 0) return [];
  const { compiled } = await workspace.current();
  // A field or table is removed by whoever applied the schema version after the one it was in;
  // the migration journal remembers who that was.
  const versions = [...new Set(rows.filter((r) => r.kind !== "record").map((r) => Number(r.schema_version) + 1))];
  const creators = versions.length
    ? ((await db(SYSTEM_TABLES.journal).whereIn("to_version", versions).where({ status: "done" }).select("to_version", "created_by")) as {
        to_version: number;
        created_by: number | null;
      }[])
    : [];
  const creatorOf = new Map(creators.map((c) => [Number(c.to_version), c.created_by === null ? null : Number(c.created_by)]));
  const whoOf = (r: Row) => (r.kind === "record" ? r.deleted_by : creatorOf.get(Number(r.schema_version) + 1)) ?? null;
  const userIds = [
    ...new Set(
      rows
        .map(whoOf)
        .filter((id): id is number => id !== null)
        .map(Number),
    ),
  ];
  const users = userIds.length
    ? ((await db(SYSTEM_TABLES.users).whereIn("id", userIds).select("id", "name")) as { id: number; name: string }[])
    : [];
  const nameOf = new Map(users.map((u) => [Number(u.id), u.name]));
  const trashedTables = new Map(
    (
      (await db(SYSTEM_TABLES.trash).where({ kind: "table" }).whereNull("restored_at").select("table_id", "storage")) as {
        table_id: string;
        storage: string;
      }[]
    ).map((r) => [r.table_id, r.storage]),
  );

  const values = await valueCounts(db, rows, (r) => compiled.tablesById.get(r.table_id)?.key ?? trashedTables.get(r.table_id) ?? null);
  return rows.map((r) => {
    const table = compiled.tablesById.get(r.table_id);
    const who = whoOf(r);
    return {
      ...trashEntryOf(r),
      currentTable: table?.key ?? null,
      tableLabel: table?.pluralLabel ?? r.table_key,
      deletedBy: who === null ? null : (nameOf.get(Number(who)) ?? `user #${who}`),
      values: values.get(r.id) ?? null,
    };
  });
}

/**
 * Restores one entry of the trash screen (fields and tables through a schema change, records
 * through the records service) and says, in words, what came back and where.
 */
export async function restoreTrashEntry(
  deps: { db: Knex; workspace: WorkspaceService; records: Pick<RecordsService, "restore"> },
  actor: Actor,
  trashId: number,
): Promise<{ message: string }> {
  requireAdmin(actor, "restoreFromTrash");
  const [entry] = await trashOverview(deps.db, deps.workspace, { limit: 1, id: trashId });
  if (!entry) throw trashRefusal(404, "entryRestored", { id: trashId });
  const described = {
    kind: entry.kind,
    name: entry.kind === "field" ? entry.field! : entry.table,
    label: entry.label,
    tableLabel: entry.tableLabel,
    values: entry.values,
  };
  if (entry.kind === "record") {
    if (!entry.currentTable) throw trashRefusal(409, "tableTrashed", { label: entry.label, table: entry.tableLabel });
    await deps.records.restore(actor, entry.currentTable, entry.recordId);
    return { message: restoredMessage(described, null) };
  }
  const { key } = await restoreFromTrash(deps.db, deps.workspace, trashId, actor.id);
  return { message: restoredMessage(described, key) };
}
