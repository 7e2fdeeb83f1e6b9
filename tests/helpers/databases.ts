import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";

/** One database an integration test runs against; `drop()` removes it and everything in it. */
export interface TestDatabase {
  name: "sqlite" | "mysql";
  /** A DATABASE_URL the runtime accepts. */
  url: string;
  drop(): Promise<void>;
}

export interface TestDatabaseKind {
  name: string;
  create(): Promise<TestDatabase>;
}

/**
 * The MariaDB/MySQL server tests may create databases on. On CI it must be there: a run that
 * quietly tested SQLite alone would look green and prove half of what it claims.
 */
export function mysqlTestServerUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const url = env.TEST_MYSQL_URL?.trim();
  if (url) return url;
  if (env.CI === "true") {
    throw new Error(
      "CI=true but TEST_MYSQL_URL is not set: integration tests must run on MariaDB as well as SQLite. " +
        "Run them through .ci/run, or set TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/any_name.",
    );
  }
  return undefined;
}

const randomSuffix = () => crypto.randomBytes(6).toString("hex");

export async function createSqliteTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-test-"));
  return {
    name: "sqlite",
    url: `sqlite:${path.join(dir, "tessera.sqlite")}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh, empty database on the server of `serverUrl` (whose own database name is ignored). */
export async function createMysqlTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const server = new URL(serverUrl.replace(/^mariadb:/, "mysql:"));
  const database = `tessera_t_${randomSuffix()}`;
  // Only [a-z0-9_] above, so quoting with backticks is safe here.
  await onServer(server, `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server);
  url.pathname = `/${database}`;
  let dropped = false;
  return {
    name: "mysql",
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await onServer(server, `DROP DATABASE IF EXISTS \`${database}\``);
    },
  };
}

async function onServer(server: URL, sql: string): Promise<void> {
  const connection = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

function listTestDatabases(): TestDatabaseKind[] {
  const kinds: TestDatabaseKind[] = [{ name: "sqlite", create: createSqliteTestDatabase }];
  const serverUrl = mysqlTestServerUrl();
  if (serverUrl !== undefined) kinds.push({ name: "mysql", create: () => createMysqlTestDatabase(serverUrl) });
  return kinds;
}

/**
 * Every database integration tests run on: SQLite always, MariaDB/MySQL when TEST_MYSQL_URL is set.
 * Use with `describe.each(testDatabases)("… on $name", ({ create }) => …)`.
 */
export const testDatabases: TestDatabaseKind[] = listTestDatabases();

/**
 * For an end-to-end test that runs once: a fresh MariaDB database when the tests have a server
 * (always on CI), else undefined (the app's own SQLite), so the browser tests that cannot afford
 * a run per database still cover MariaDB.
 */
export async function createPreferredTestDatabase(): Promise<TestDatabase | undefined> {
  const url = mysqlTestServerUrl();
  return url ? createMysqlTestDatabase(url) : undefined;
}
