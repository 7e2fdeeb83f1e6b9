import fc from "fast-check";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, parseDatabaseUrl } from "@runtime/db/connection.server";
import { insertMany, sqlLiteral } from "@runtime/db/insert-many.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";

type Row = Record<string, unknown>;

/**
 * `insertMany` writes MariaDB's statements out itself (mysql2's escaping, no bound values): what
 * the server stores must be exactly what was given, and what the same rows bound by knex and
 * mysql2 store. Strings chosen to break a hand-made escaper: quotes, backslashes, NUL and the
 * other control characters mysql2 escapes, placeholders knex or mysql2 might fill, unicode outside
 * the BMP.
 */
const HOSTILE = [
  "",
  "'",
  "''",
  '"',
  "\\",
  "\\'",
  "it's",
  "end with a backslash\\",
  "'); drop table t_many; --",
  "' or '1'='1",
  "\0",
  "a\0b",
  "\b\t\n\r\x1a",
  "tab\there, newline\nthere, return\r",
  "? ?? :name :name: $1 %s %",
  "\\N",
  "NULL",
  "null",
  "trailing spaces   ",
  "   leading spaces",
  "Zoë, Malmö, Ærø, Ålesund",
  "中文字符 and Հայերեն",
  "emoji 😀👩‍👩‍👧 outside the BMP 𝔘𝔫𝔦",
  "\u2028\u2029\ufeff\u00a0",
  "x".repeat(70_000),
];

const COLUMNS = ["s", "n", "i", "b", "flag"];

describe.each(testDatabases)("insertMany on $name", ({ create, name }) => {
  let database: TestDatabase;
  let db: Knex;

  beforeAll(async () => {
    database = await create();
    db = createDatabase(parseDatabaseUrl(database.url));
    for (const table of ["t_many", "t_bound"])
      await db.schema.createTable(table, (t) => {
        t.increments("id");
        t.text("s", "longtext");
        t.double("n");
        t.bigInteger("i");
        t.binary("b");
        t.boolean("flag");
        t.datetime("at", { precision: 3 });
      });
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  /** The rows written by `insertMany` and, bound, by knex into the other table, each read back. */
  async function both(columns: string[], rows: unknown[][]): Promise<{ many: Row[]; bound: Row[]; ids: number[] }> {
    await db("t_many").del();
    await db("t_bound").del();
    const ids = await db.transaction((trx) => insertMany(trx, "t_many", columns, rows, { ids: { step: 1 } }));
    for (const row of rows) await db("t_bound").insert(Object.fromEntries(columns.map((c, i) => [c, row[i]])));
    const read = async (table: string) =>
      ((await db(table).orderBy("id")) as Row[]).map(({ id: _id, ...rest }) => ({
        ...rest,
        b: rest.b === null ? null : Buffer.from(rest.b as Uint8Array),
        flag: rest.flag === null ? null : Boolean(rest.flag),
      }));
    return { many: await read("t_many"), bound: await read("t_bound"), ids };
  }

  it("stores hostile strings, numbers, bytes, booleans and nulls exactly as given, and as bound values store them", async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const numbers = [0, -1, 1.5, -0.1, 0.1 + 0.2, 1e21, -1e-7, 2 ** 53 - 1, 1.7976931348623157e308, 123456789.125];
    const rows: unknown[][] = HOSTILE.map((s, k) => [
      s,
      numbers[k % numbers.length],
      k % 3 === 0 ? null : -(2 ** 40) + k,
      k % 2 ? bytes : Buffer.from(s.slice(0, 1000), "utf8"),
      k % 4 === 0 ? null : k % 2 === 0,
    ]);
    rows.push([null, null, null, null, null], [undefined, undefined, undefined, undefined, undefined]);
    const { many, bound, ids } = await both(COLUMNS, rows);
    expect(many).toEqual(bound);
    expect(many.map((r) => r.s)).toEqual(rows.map((r) => r[0] ?? null));
    expect(many.map((r) => r.n)).toEqual(rows.map((r) => r[1] ?? null));
    expect(many.map((r) => (r.i === null ? null : Number(r.i)))).toEqual(rows.map((r) => r[2] ?? null));
    expect(many.map((r) => r.b)).toEqual(rows.map((r) => r[3] ?? null));
    expect(many.map((r) => r.flag)).toEqual(rows.map((r) => r[4] ?? null));
    // The new ids, in row order.
    const stored = ((await db("t_many").orderBy("id")) as Row[]).map((r) => Number(r.id));
    expect(ids).toEqual(stored);
  });

  it("stores any unicode text as given, whatever it holds", async () => {
    const hostile = fc.constantFrom(..."'\"\\\0\b\t\n\r\x1a?%_`;".split(""));
    const text = fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), hostile), { maxLength: 12 }).map((parts) => parts.join(""));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 40 }), async (strings) => {
        const { many, bound } = await both(
          ["s"],
          strings.map((s) => [s]),
        );
        expect(many.map((r) => r.s)).toEqual(strings);
        expect(many).toEqual(bound);
      }),
      { numRuns: 60 },
    );
  });

  it.runIf(name === "mysql")("stores a date as mysql2 binds it, in the connection's time zone", async () => {
    const dates = [new Date("2026-12-06T09:00:00.123Z"), new Date("1999-12-31T23:59:59.999Z"), new Date("2024-02-29T00:00:00Z")];
    const { many, bound } = await both(
      ["at"],
      dates.map((d) => [d]),
    );
    expect(many).toEqual(bound);
    expect(many.map((r) => r.at)).toEqual(["2026-12-06 09:00:00.123", "1999-12-31 23:59:59.999", "2024-02-29 00:00:00.000"]);
  });

  it.runIf(name === "mysql")("stores rows whose leading values were written ahead as it stores them whole", async () => {
    const literal = sqlLiteral(db)!;
    const rows: unknown[][] = HOSTILE.map((s, k) => [s, k % 2 ? k / 3 : null, k, k % 3 ? Buffer.from([0, 39, 92, k]) : null]);
    const columns = ["s", "n", "i", "b"];
    const whole = await both(columns, rows);
    for (const ahead of [1, 2, 4]) {
      await db("t_many").del();
      const text = rows.map((r) => r.slice(0, ahead).map(literal).join(", "));
      await db.transaction((trx) => insertMany(trx, "t_many", columns, rows, { written: { columns: ahead, text } }));
      const stored = ((await db("t_many").orderBy("id")) as Row[]).map(({ id: _id, ...rest }) => ({
        ...rest,
        b: rest.b === null ? null : Buffer.from(rest.b as Uint8Array),
        flag: rest.flag === null ? null : Boolean(rest.flag),
      }));
      expect(stored).toEqual(whole.many);
    }
  });

  it("cuts a large batch into statements and keeps every row in order", async () => {
    // 20,000 rows of 200 accented characters and a number: more than one statement on either database.
    await db("t_many").del();
    const rows = Array.from({ length: 20_000 }, (_, i) => [`${i}'${"é".repeat(200)}\\`, i]);
    const ids = await db.transaction((trx) => insertMany(trx, "t_many", ["s", "n"], rows, { ids: { step: 1 } }));
    const stored = (await db("t_many").orderBy("id")) as Row[];
    expect(stored.map((r) => [r.s, r.n])).toEqual(rows);
    expect(ids).toEqual(stored.map((r) => Number(r.id)));
  }, 120_000);
});
