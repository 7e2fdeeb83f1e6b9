import type { Knex } from "knex";
import type { ColumnSpec } from "../fields/types";
import type { Dialect } from "./connection.server";

/** How an ALTER ran on MySQL: INSTANT and INPLACE leave the table's rows where they are. */
export type AlterAlgorithm = "INSTANT" | "INPLACE" | "COPY" | "n/a";

export function dialectOf(db: Knex): Dialect {
  const client = String(db.client.config.client);
  return client.includes("mysql") ? "mysql" : "sqlite";
}

const COLUMN_SQL: { [T in ColumnSpec["type"]]: (spec: Extract<ColumnSpec, { type: T }>, dialect: Dialect) => string } = {
  string: (spec) => `varchar(${spec.length})`,
  text: (spec, dialect) => (dialect === "mysql" && spec.size === "long" ? "longtext" : "text"),
  integer: (_spec, dialect) => (dialect === "mysql" ? "int" : "integer"),
  bigint: () => "bigint",
  decimal: (spec) => `decimal(${spec.precision}, ${spec.scale})`,
  boolean: (_spec, dialect) => (dialect === "mysql" ? "tinyint(1)" : "boolean"),
  date: () => "date",
  datetime: (_spec, dialect) => (dialect === "mysql" ? "datetime(3)" : "datetime"),
  json: (_spec, dialect) => (dialect === "mysql" ? "longtext" : "text"),
};

/** Column type SQL. Every field column is nullable: "required" is enforced by validation. */
export function columnTypeSql(spec: ColumnSpec, dialect: Dialect): string {
  return (COLUMN_SQL[spec.type] as (spec: ColumnSpec, dialect: Dialect) => string)(spec, dialect);
}

/** Columns MySQL can index only by a prefix. */
const LONG_TEXT_COLUMNS: ReadonlySet<ColumnSpec["type"]> = new Set(["text", "json"]);

export async function hasTable(db: Knex, table: string): Promise<boolean> {
  return db.schema.hasTable(table);
}

export async function hasColumn(db: Knex, table: string, column: string): Promise<boolean> {
  if (!(await hasTable(db, table))) return false;
  return db.schema.hasColumn(table, column);
}

export async function hasIndex(db: Knex, table: string, name: string): Promise<boolean> {
  if (dialectOf(db) === "sqlite") {
    const rows = await db("sqlite_master").where({ type: "index", name }).select("name");
    return rows.length > 0;
  }
  const rows = await db.raw(
    "select 1 from information_schema.statistics where table_schema = database() and table_name = ? and index_name = ? limit 1",
    [table, name],
  );
  return (rows[0] as unknown[]).length > 0;
}

/**
 * Runs an ALTER on MySQL asking for INSTANT first, then INPLACE, then the table copy, and says
 * which one ran, so a slow change is visible instead of a mystery.
 */
async function alterWithAlgorithm(db: Knex, sql: string, bindings: readonly Knex.RawBinding[]): Promise<AlterAlgorithm> {
  for (const algorithm of ["INSTANT", "INPLACE"] as const) {
    try {
      await db.raw(`${sql}, ALGORITHM=${algorithm}`, bindings);
      return algorithm;
    } catch (error) {
      if (!isAlgorithmRefusal(error)) throw error;
    }
  }
  await db.raw(sql, bindings);
  return "COPY";
}

function isAlgorithmRefusal(error: unknown): boolean {
  const code = (error as { errno?: number }).errno;
  // 1845/1846: ALGORITHM=… is not supported for this operation; 4092: INSTANT unsupported (MariaDB).
  return (
    code === 1845 ||
    code === 1846 ||
    code === 4092 ||
    /ALGORITHM=(INSTANT|INPLACE) is not supported/i.test(String((error as Error).message))
  );
}

export async function addColumn(db: Knex, table: string, column: string, spec: ColumnSpec): Promise<AlterAlgorithm> {
  const dialect = dialectOf(db);
  const type = columnTypeSql(spec, dialect);
  if (dialect === "mysql") return alterWithAlgorithm(db, `alter table ?? add column ?? ${type} null`, [table, column]);
  await db.raw(`alter table ?? add column ?? ${type} null`, [table, column]);
  return "n/a";
}

export async function renameColumn(db: Knex, table: string, from: string, to: string): Promise<AlterAlgorithm> {
  if (dialectOf(db) === "mysql") return alterWithAlgorithm(db, "alter table ?? rename column ?? to ??", [table, from, to]);
  await db.raw("alter table ?? rename column ?? to ??", [table, from, to]);
  return "n/a";
}

export async function dropColumn(db: Knex, table: string, column: string): Promise<AlterAlgorithm> {
  if (dialectOf(db) === "mysql") return alterWithAlgorithm(db, "alter table ?? drop column ??", [table, column]);
  await db.raw("alter table ?? drop column ??", [table, column]);
  return "n/a";
}

export async function renameTable(db: Knex, from: string, to: string): Promise<void> {
  await db.schema.renameTable(from, to);
}

/** A record table: system columns first, then one nullable column per field. */
export async function createRecordTable(db: Knex, table: string, columns: { name: string; spec: ColumnSpec }[]): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema.createTable(table, (t) => {
    t.increments("id").primary();
    t.integer("version").notNullable().defaultTo(1);
    t.specificType("created_at", columnTypeSql({ type: "datetime" }, dialect)).notNullable();
    t.specificType("updated_at", columnTypeSql({ type: "datetime" }, dialect)).notNullable();
    t.integer("created_by").nullable();
    t.integer("updated_by").nullable();
    for (const c of columns) t.specificType(c.name, columnTypeSql(c.spec, dialect)).nullable();
    if (dialect === "mysql") {
      t.charset("utf8mb4");
      t.collate("utf8mb4_unicode_ci");
      t.engine("InnoDB");
    }
  });
}

/** MySQL can index only a prefix of long text columns. */
function indexColumnSql(dialect: Dialect, column: string, spec: ColumnSpec | undefined): { sql: string; binding: string } {
  if (dialect === "mysql" && spec && (LONG_TEXT_COLUMNS.has(spec.type) || (spec.type === "string" && spec.length > 768)))
    return { sql: "??(191)", binding: column };
  return { sql: "??", binding: column };
}

export async function createIndex(
  db: Knex,
  table: string,
  name: string,
  columns: string[],
  unique: boolean,
  specs: Record<string, ColumnSpec | undefined> = {},
): Promise<AlterAlgorithm> {
  const dialect = dialectOf(db);
  const cols = columns.map((c) => indexColumnSql(dialect, c, specs[c]));
  const sql = `create ${unique ? "unique " : ""}index ?? on ?? (${cols.map((c) => c.sql).join(", ")})`;
  const bindings = [name, table, ...cols.map((c) => c.binding)];
  if (dialect === "mysql") {
    // Building an index never needs a table copy on InnoDB; ask for INPLACE with no lock.
    await db.raw(`${sql} algorithm=inplace lock=none`, bindings);
    return "INPLACE";
  }
  await db.raw(sql, bindings);
  return "n/a";
}

export async function dropIndex(db: Knex, table: string, name: string): Promise<void> {
  if (dialectOf(db) === "mysql") await db.raw("drop index ?? on ??", [name, table]);
  else await db.raw("drop index ??", [name]);
}
