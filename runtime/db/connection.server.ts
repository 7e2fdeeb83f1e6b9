import fs from "node:fs";
import path from "node:path";
import knex, { type Knex } from "knex";
import mysql from "mysql2";

export type Dialect = "sqlite" | "mysql";

export interface DatabaseConfig {
  dialect: Dialect;
  /** For display: never contains the password. */
  description: string;
  knexConfig: Knex.Config;
}

export const DEFAULT_DATABASE_URL = "sqlite:data/tessera.sqlite";

/**
 * `sqlite:<path>` (relative to the working directory) or `mysql://user:pass@host:port/db`.
 * Anything else is refused with a message that shows both accepted forms.
 */
export function parseDatabaseUrl(url: string = DEFAULT_DATABASE_URL): DatabaseConfig {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (!file) throw new Error(`DATABASE_URL "${url}" names no file: use e.g. sqlite:data/tessera.sqlite`);
    return {
      dialect: "sqlite",
      description: `SQLite ${file}`,
      knexConfig: {
        client: "better-sqlite3",
        connection: { filename: file },
        useNullAsDefault: true,
        pool: {
          min: 1,
          max: 1,
          afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
            // WAL lets readers run while a write is in progress; the busy timeout makes a second
            // process wait for the write lock instead of failing at once.
            conn.pragma("journal_mode = WAL");
            conn.pragma("busy_timeout = 5000");
            conn.pragma("foreign_keys = ON");
            keepPreparedStatements(conn);
            done(null, conn);
          },
        },
      },
    };
  }
  if (url.startsWith("mysql://") || url.startsWith("mariadb://")) {
    const u = new URL(url.replace(/^mariadb:/, "mysql:"));
    const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
    if (!database) throw new Error(`DATABASE_URL "${redact(url)}" names no database: use mysql://user:pass@host:3306/dbname`);
    return {
      dialect: "mysql",
      description: `MySQL ${u.hostname}:${u.port || 3306}/${database}`,
      knexConfig: {
        client: "mysql2",
        connection: {
          host: u.hostname,
          port: Number(u.port || 3306),
          user: decodeURIComponent(u.username),
          password: decodeURIComponent(u.password),
          database,
          charset: "utf8mb4",
          // Dates stay strings: a JS Date would shift them by the server's time zone.
          dateStrings: true,
          supportBigNumbers: true,
          bigNumberStrings: false,
          timezone: "Z",
          queryFormat,
        },
        pool: { min: 0, max: 10 },
      },
    };
  }
  throw new Error(
    `DATABASE_URL "${redact(url)}" is not understood: use sqlite:<file> (e.g. sqlite:data/tessera.sqlite) or mysql://user:pass@host:3306/dbname`,
  );
}

/**
 * mysql2's own formatting, as its connection does it (`stringifyObjects` and time zone from the
 * connection's options), except that a statement with nothing to bind goes as it is: mysql2 would
 * scan it for `?` all the same, and a bulk insert is sent written out (`insert-many.server.ts`),
 * megabytes a batch.
 */
function queryFormat(this: { config: { stringifyObjects?: boolean } }, sql: string, values: unknown, timezone?: string): string {
  if (values === undefined || values === null || (Array.isArray(values) && values.length === 0)) return sql;
  return mysql.format(sql, values as mysql.SqlValue[], this.config.stringifyObjects, timezone as mysql.Timezone);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

interface SqliteConnection {
  pragma(s: string): unknown;
  prepare(sql: string): unknown;
}

/** Distinct statement texts a connection keeps compiled: the app's queries, not every raw one. */
const KEPT_STATEMENTS = 500;

/**
 * knex asks better-sqlite3 to compile every query afresh, a fifth of the CPU time of a print's
 * eleven reads (docs/decisions/034-http-hot-path.md); the same few texts recur with other
 * bindings. A statement is reusable: knex runs it to the end at once (`all` or `run`, never
 * `iterate`, which would keep it busy), sets nothing on it (no `safeIntegers` option is used
 * here), and SQLite recompiles it by itself when the schema under it changes. The least recently
 * used text is dropped past the limit, so statements written out with their values cannot grow it.
 */
function keepPreparedStatements(conn: SqliteConnection) {
  const prepare = conn.prepare.bind(conn);
  const kept = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let statement = kept.get(sql);
    if (statement !== undefined) kept.delete(sql);
    else if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
    statement ??= prepare(sql);
    kept.set(sql, statement);
    return statement;
  };
}

export function createDatabase(config: DatabaseConfig): Knex {
  if (config.dialect === "sqlite") {
    const file = (config.knexConfig.connection as { filename: string }).filename;
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  return knex(config.knexConfig);
}

export async function ping(db: Knex): Promise<void> {
  await db.raw("select 1");
}
