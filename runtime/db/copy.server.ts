import fs from "node:fs";
import type { Knex } from "knex";
import type { ColumnSpec } from "../fields/types";
import { createSchemaTables } from "../migrations/apply.server";
import { SYSTEM_COLUMN_SPECS } from "../migrations/plan";
import { ensureTesseraTables } from "../runtime.server";
import type { WorkspaceSchema } from "../schema/types";
import { createDatabase, parseDatabaseUrl, ping, type DatabaseConfig, type Dialect } from "./connection.server";
import { addColumn, createRecordTable } from "./ddl.server";
import { dbNow, SYSTEM_TABLES } from "./system-tables.server";

export interface CopyOptions {
  /** The database copied from (a DATABASE_URL); it is only read. */
  from: string;
  /** An empty database to copy into (a DATABASE_URL). */
  to: string;
  /** One line per table as it is copied. */
  log?: (line: string) => void;
  /** Rows per multi-row insert (fewer when a table has many columns); default 1,000. */
  batchSize?: number;
}

export interface CopySummary {
  from: string;
  to: string;
  schemaVersion: number;
  tables: { name: string; rows: number }[];
  rows: number;
  seconds: number;
}

/** A copy that did not start (target not empty, source unreadable) or did not finish: the message says what to do. */
export class CopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CopyError";
  }
}

interface ColumnInfo {
  name: string;
  type: string;
}

/** A big table says how far it got every so many rows. */
const PROGRESS_EVERY = 100_000;

/** SQLite allows 32,766 bound values per statement; MySQL's limit (65,535) is higher. */
const MAX_BOUND_VALUES = 30_000;

/**
 * Copies a whole workspace (Tessera's tables, the record tables, the trash, files, audit and
 * migration history) from one database to an empty one, SQLite ⇄ MariaDB/MySQL. The target's
 * tables are made by our own DDL from the source's schema, so each dialect gets its own types and
 * search structures; rows keep their ids. The source is read in one transaction (a consistent
 * snapshot) and never written.
 */
export async function copyDatabase(options: CopyOptions): Promise<CopySummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const sourceConfig = parseDatabaseUrl(options.from);
  const targetConfig = parseDatabaseUrl(options.to);
  const source = openSource(sourceConfig);
  const target = createDatabase(targetConfig);
  try {
    await ping(target).catch((error: Error) => {
      throw new CopyError(`Cannot open ${targetConfig.description}: ${error.message}. Create the empty database first.`);
    });
    const found = await listTables(target, targetConfig.dialect);
    if (found.length > 0)
      throw new CopyError(
        `${targetConfig.description} is not empty: it holds ${describeTables(found)}. Copy only into a new, empty database.`,
      );
    const tables: { name: string; rows: number }[] = [];
    let schemaVersion = 0;
    let targetWritten = false;
    await source
      .transaction(
        async (read) => {
          const sourceTables = new Set(await listTables(read, sourceConfig.dialect));
          if (!sourceTables.has(SYSTEM_TABLES.schemaVersions))
            throw new CopyError(
              `${sourceConfig.description} holds no Tessera workspace (there is no ${SYSTEM_TABLES.schemaVersions} table).`,
            );
          const running = await read(SYSTEM_TABLES.journal).where({ status: "running" }).first("to_version");
          if (running)
            throw new CopyError(
              `Schema version ${running.to_version} is being applied in ${sourceConfig.description}: let it finish (npm run crm -- migrate) and copy then.`,
            );
          const latest = (await read(SYSTEM_TABLES.schemaVersions).orderBy("version", "desc").first("version", "schema")) as
            { version: number; schema: string } | undefined;
          schemaVersion = Number(latest?.version ?? 0);

          log(`Creating the tables of schema version ${schemaVersion} in ${targetConfig.description}…`);
          targetWritten = true;
          await ensureTesseraTables(target);
          if (latest) await createSchemaTables(target, { ...(JSON.parse(latest.schema) as WorkspaceSchema), "x-version": schemaVersion });
          const trashedTables = await trashedTableNames(read);
          const targetTables = new Set(await listTables(target, targetConfig.dialect));
          for (const name of [...sourceTables].sort()) {
            if (targetTables.has(name)) continue;
            if (!trashedTables.has(name)) {
              log(`  ${name}: not one of Tessera's tables, left behind`);
              continue;
            }
            // A table in the trash is no longer in the schema: it is re-created from its columns.
            const columns = (await listColumns(read, sourceConfig.dialect, name)).filter(
              (c) => c.name !== "id" && !SYSTEM_COLUMN_SPECS.some((s) => s.name === c.name),
            );
            await createRecordTable(
              target,
              name,
              columns.map((c) => ({ name: c.name, spec: specOfColumnType(c.type) })),
            );
            targetTables.add(name);
          }

          for (const name of [...targetTables].filter((t) => sourceTables.has(t)).sort(bySystemFirst)) {
            const rows = await copyTable(read, target, name, {
              sourceDialect: sourceConfig.dialect,
              targetDialect: targetConfig.dialect,
              batchSize: options.batchSize ?? 1000,
              progress: (rows) => log(`  ${name.padEnd(40)} ${String(rows).padStart(9)} row(s) so far…`),
            }).catch((error: Error) => {
              // The database's own message (a value too long for its column, say) names no table.
              throw new Error(`Copying the table ${name} failed: ${error.message}`);
            });
            tables.push({ name, rows });
            log(`  ${name.padEnd(40)} ${String(rows).padStart(9)} row(s)`);
          }

          // Against the source's own count in the same snapshot, not the rows this code happened to read.
          const mismatches: string[] = [];
          for (const t of tables) {
            const [had, has] = [await countRows(read, t.name), await countRows(target, t.name)];
            if (had !== has || had !== t.rows) mismatches.push(`${t.name}: ${had} in the source, ${has} in the target`);
          }
          if (mismatches.length > 0) throw new CopyError(`The row counts differ after the copy: ${mismatches.join("; ")}.`);
        },
        // One snapshot: rows written meanwhile (the app should be stopped) cannot make the copy inconsistent.
        // (knex's `readOnly` writes SQL that MariaDB refuses; nothing here writes anyway.)
        sourceConfig.dialect === "mysql" ? { isolationLevel: "repeatable read" } : undefined,
      )
      .catch((error: unknown) => {
        if (!targetWritten) throw error;
        throw new CopyError(
          `${(error as Error).message}\nThe copy stopped half-way and ${targetConfig.description} is incomplete (${sourceConfig.description} is unchanged): ` +
            `drop it (or delete the file), create it empty and run the copy again.`,
        );
      });
    return {
      from: sourceConfig.description,
      to: targetConfig.description,
      schemaVersion,
      tables,
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await Promise.allSettled([source.destroy(), target.destroy()]);
  }
}

/** The source, opened so that it cannot be written (SQLite: read-only; a missing file is not created). */
function openSource(config: DatabaseConfig): Knex {
  if (config.dialect === "mysql") return createDatabase(config);
  const file = (config.knexConfig.connection as { filename: string }).filename;
  if (!fs.existsSync(file)) throw new CopyError(`There is no database to copy at ${config.description}.`);
  return createDatabase({
    ...config,
    knexConfig: {
      ...config.knexConfig,
      connection: { filename: file, options: { readonly: true } },
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          conn.pragma("busy_timeout = 5000");
          done(null, conn);
        },
      },
    },
  });
}

async function listTables(db: Knex, dialect: Dialect): Promise<string[]> {
  if (dialect === "sqlite") {
    const rows = (await db("sqlite_master").where({ type: "table" }).select("name", "sql")) as { name: string; sql: string | null }[];
    const virtual = rows.filter((r) => /^create virtual table/i.test(r.sql ?? "")).map((r) => r.name);
    // FTS5 keeps its index in shadow tables named after the virtual table; both are search structures, not data.
    return rows
      .map((r) => r.name)
      .filter((n) => !n.startsWith("sqlite_") && !virtual.some((v) => n === v || n.startsWith(`${v}_`)))
      .sort();
  }
  const [rows] = (await db.raw(
    "select table_name as name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by table_name",
  )) as [{ name: string }[]];
  return rows.map((r) => r.name);
}

function describeTables(names: string[]): string {
  const shown = names.slice(0, 5).join(", ");
  return `${names.length} table(s) (${shown}${names.length > 5 ? ", …" : ""})`;
}

async function listColumns(db: Knex, dialect: Dialect, table: string): Promise<ColumnInfo[]> {
  if (dialect === "sqlite") {
    const rows = (await db.raw("select name, type from pragma_table_info(?) order by cid", [table])) as ColumnInfo[];
    return rows.map((r) => ({ name: r.name, type: String(r.type).toLowerCase() }));
  }
  const [rows] = (await db.raw(
    "select column_name as name, column_type as type from information_schema.columns where table_schema = database() and table_name = ? order by ordinal_position",
    [table],
  )) as [ColumnInfo[]];
  return rows.map((r) => ({ name: r.name, type: String(r.type).toLowerCase() }));
}

async function primaryKey(db: Knex, dialect: Dialect, table: string): Promise<string[]> {
  if (dialect === "sqlite") {
    const rows = (await db.raw("select name, pk from pragma_table_info(?) where pk > 0 order by pk", [table])) as { name: string }[];
    return rows.map((r) => r.name);
  }
  const [rows] = (await db.raw(
    "select column_name as name from information_schema.key_column_usage where table_schema = database() and table_name = ? and constraint_name = 'PRIMARY' order by ordinal_position",
    [table],
  )) as [{ name: string }[]];
  return rows.map((r) => r.name);
}

async function trashedTableNames(db: Knex): Promise<Set<string>> {
  const rows = (await db(SYSTEM_TABLES.trash).where({ kind: "table" }).whereNull("restored_at").select("storage")) as {
    storage: string | null;
  }[];
  return new Set(rows.map((r) => r.storage).filter((s): s is string => !!s));
}

/** The column type our DDL would give a column that reads back as `type` (trashed columns and tables). */
function specOfColumnType(type: string): ColumnSpec {
  let m: RegExpMatchArray | null;
  if ((m = type.match(/^varchar\((\d+)\)/))) return { type: "string", length: Number(m[1]) };
  if ((m = type.match(/^decimal\((\d+),\s*(\d+)\)/))) return { type: "decimal", precision: Number(m[1]), scale: Number(m[2]) };
  if (type === "boolean" || type.startsWith("tinyint(1)")) return { type: "boolean" };
  if (type.startsWith("bigint")) return { type: "bigint" };
  if (type.startsWith("int")) return { type: "integer" };
  if (type === "date") return { type: "date" };
  if (type.startsWith("datetime")) return { type: "datetime" };
  // Text, JSON and anything else: long text holds them all.
  return { type: "text", size: "long" };
}

/** Tessera's own tables first (the schema history before the records it describes), then by name. */
function bySystemFirst(a: string, b: string): number {
  const rank = (n: string) => (n === SYSTEM_TABLES.schemaVersions || n === SYSTEM_TABLES.journal ? 0 : n.startsWith("crm_") ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

async function countRows(db: Knex, table: string): Promise<number> {
  const row = (await db(table).count({ n: "*" }).first()) as { n: number | string };
  return Number(row.n);
}

/**
 * Copies one table in key order, in batches of multi-row inserts inside one transaction, and sets
 * the target's id counter to where the source's stood: a record deleted after the last one must
 * not see its id given to a new record while it waits in the trash.
 */
async function copyTable(
  read: Knex,
  target: Knex,
  table: string,
  options: { sourceDialect: Dialect; targetDialect: Dialect; batchSize: number; progress?: (rows: number) => void },
): Promise<number> {
  const sourceColumns = await listColumns(read, options.sourceDialect, table);
  let targetColumns = await listColumns(target, options.targetDialect, table);
  // Fields in the trash wait in renamed columns the schema no longer names.
  for (const c of sourceColumns)
    if (!targetColumns.some((t) => t.name === c.name)) await addColumn(target, table, c.name, specOfColumnType(c.type));
  targetColumns = await listColumns(target, options.targetDialect, table);
  const types = new Map(targetColumns.map((c) => [c.name, c.type]));
  const columns = sourceColumns.map((c) => c.name).filter((n) => types.has(n));
  const key = await primaryKey(read, options.sourceDialect, table);
  // Record tables and most of ours count ids up; a few are keyed by text (templates, settings).
  const byId = key.length === 1 && key[0] === "id" && /^int|^bigint/.test(sourceColumns.find((c) => c.name === "id")?.type ?? "");
  // knex writes a SQLite multi-row insert as a compound SELECT, which SQLite limits to 500 terms.
  const rowLimit = options.targetDialect === "sqlite" ? Math.min(options.batchSize, 500) : options.batchSize;
  const batch = Math.max(1, Math.min(rowLimit, Math.floor(MAX_BOUND_VALUES / columns.length)));

  let copied = 0;
  let maxId = 0;
  await target.transaction(async (trx) => {
    // Rows our own table creation put there (the built-in roles) make way for the source's.
    await trx(table).delete();
    let lastId = 0;
    for (;;) {
      const query = read(table).select(columns).limit(batch);
      if (byId) query.where("id", ">", lastId).orderBy("id");
      else query.orderBy(key.length > 0 ? key : columns).offset(copied);
      const rows = (await query) as Record<string, unknown>[];
      if (rows.length === 0) break;
      await trx(table)
        .insert(rows.map((r) => convertRow(r, types)))
        .catch((error: Error & { sqlMessage?: string }) => {
          // mysql2's message holds the whole statement, every value of the batch included.
          const where = byId
            ? `ids ${String(rows[0].id)} to ${String(rows[rows.length - 1].id)}`
            : `rows ${copied + 1} to ${copied + rows.length}`;
          // knex puts the statement before the driver's message: "insert … - no such column".
          throw new Error(`${error.sqlMessage ?? error.message.split(" - ").at(-1)} (in the batch of ${where})`);
        });
      const before = copied;
      copied += rows.length;
      if (Math.floor(copied / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) options.progress?.(copied);
      if (byId) lastId = maxId = Number(rows[rows.length - 1].id);
      if (rows.length < batch) break;
    }
  });
  if (byId) await carryIdCounter(read, target, table, options, maxId);
  return copied;
}

/** Values as the target's column types take them; the rest (text, numbers, bytes) pass as they are. */
function convertRow(row: Record<string, unknown>, types: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    const type = types.get(name) ?? "";
    if (value instanceof Date) out[name] = type === "date" ? value.toISOString().slice(0, 10) : dbNow(value);
    else if (typeof value === "boolean") out[name] = value ? 1 : 0;
    else if (typeof value === "string" && type.startsWith("datetime") && /^\d{4}-\d\d-\d\dT/.test(value)) {
      // An ISO timestamp written by hand into SQLite: MariaDB refuses the T and the Z.
      const date = new Date(value);
      out[name] = Number.isNaN(date.getTime()) ? value : dbNow(date);
    } else out[name] = value;
  }
  return out;
}

async function carryIdCounter(
  read: Knex,
  target: Knex,
  table: string,
  options: { sourceDialect: Dialect; targetDialect: Dialect },
  maxId: number,
): Promise<void> {
  let next = maxId + 1;
  if (options.sourceDialect === "sqlite") {
    if (!(await read("sqlite_master").where({ name: "sqlite_sequence" }).first("name"))) return;
    const row = (await read("sqlite_sequence").where({ name: table }).first("seq")) as { seq: number } | undefined;
    if (row) next = Math.max(next, Number(row.seq) + 1);
  } else {
    const [rows] = (await read.raw(
      "select auto_increment as n from information_schema.tables where table_schema = database() and table_name = ?",
      [table],
    )) as [{ n: number | null }[]];
    if (rows[0]?.n) next = Math.max(next, Number(rows[0].n));
  }
  if (next <= 1) return;
  if (options.targetDialect === "mysql") {
    await target.raw(`alter table ?? auto_increment = ${Math.floor(next)}`, [table]);
    return;
  }
  // Only AUTOINCREMENT tables have a sqlite_sequence row to keep; the others take max(id) + 1 anyway.
  const updated = await target("sqlite_sequence")
    .where({ name: table })
    .update({ seq: next - 1 });
  if (updated === 0) {
    const sql = (await target("sqlite_master").where({ type: "table", name: table }).first("sql")) as { sql: string } | undefined;
    if (/autoincrement/i.test(sql?.sql ?? "")) await target("sqlite_sequence").insert({ name: table, seq: next - 1 });
  }
}
