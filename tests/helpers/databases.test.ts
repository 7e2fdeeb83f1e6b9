import fs from "node:fs";
import mysql from "mysql2/promise";
import { describe, expect, it } from "vitest";
import { createMysqlTestDatabase, createSqliteTestDatabase, mysqlTestServerUrl, testDatabases } from "./databases";

describe("mysqlTestServerUrl", () => {
  it("is the TEST_MYSQL_URL when set", () => {
    expect(mysqlTestServerUrl({ TEST_MYSQL_URL: "mysql://root@127.0.0.1:3306/x", CI: "true" })).toBe("mysql://root@127.0.0.1:3306/x");
  });

  it("is undefined outside CI when unset, and throws on CI", () => {
    expect(mysqlTestServerUrl({})).toBeUndefined();
    expect(() => mysqlTestServerUrl({ CI: "true" })).toThrow(/TEST_MYSQL_URL/);
  });
});

describe("testDatabases", () => {
  it("always includes SQLite, and MariaDB exactly when TEST_MYSQL_URL is set", () => {
    const expected = process.env.TEST_MYSQL_URL ? ["sqlite", "mysql"] : ["sqlite"];
    expect(testDatabases.map((d) => d.name)).toEqual(expected);
  });
});

describe("createSqliteTestDatabase", () => {
  it("gives each call its own file location and removes it on drop", async () => {
    const [a, b] = [await createSqliteTestDatabase(), await createSqliteTestDatabase()];
    expect(a.url).not.toBe(b.url);
    const file = a.url.slice("sqlite:".length);
    fs.writeFileSync(file, "x");
    await a.drop();
    await b.drop();
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe.runIf(process.env.TEST_MYSQL_URL)("createMysqlTestDatabase", () => {
  it("creates a fresh database that can be used, then drops it", async () => {
    const db = await createMysqlTestDatabase(process.env.TEST_MYSQL_URL!);
    const url = new URL(db.url);
    const name = url.pathname.slice(1);
    expect(name).toMatch(/^tessera_t_[0-9a-f]{12}$/);
    const connection = await mysql.createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: name,
    });
    try {
      await connection.query("CREATE TABLE t (id INT)");
      await db.drop();
      const [rows] = await connection.query("SHOW DATABASES LIKE ?", [name]);
      expect(rows).toEqual([]);
    } finally {
      await connection.end();
    }
  });
});
