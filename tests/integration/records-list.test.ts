import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@runtime/errors";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { ListQuery } from "@runtime/records/service.server";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { clone, smallWorkspace } from "./workspace-schema";

/**
 * Lists through the records service on a known data set: every filter operator of the common
 * kinds, nesting, sort with nulls, search, keyset and offset pages, totals, expand.
 * The data set is read-only, so one database per dialect serves every test here.
 */

const ACTOR: Actor = { ...SYSTEM_ACTOR, id: null, name: "Test", role: "admin" };

function workspace() {
  const ws = clone(smallWorkspace());
  const p = ws.$defs.clients.properties;
  p.code["x-searchable"] = true;
  p.status = { type: "string", "x-id": "f_cl_status", "x-kind": "select", enum: ["lead", "active", "gone"], "x-indexed": true };
  p.city = { type: "string", "x-id": "f_cl_city", "x-kind": "text", maxLength: 100, "x-indexed": true };
  p.score = { type: "integer", "x-id": "f_cl_score", "x-kind": "integer" };
  p.since = { type: "string", "x-id": "f_cl_since", "x-kind": "date", format: "date" };
  p.tags = {
    type: "array",
    "x-id": "f_cl_tags",
    "x-kind": "multiselect",
    items: { type: "string", enum: ["vip", "partner", "new"] },
    uniqueItems: true,
  };
  p.vip = { type: "boolean", "x-id": "f_cl_vip", "x-kind": "boolean" };
  p.referrer = { type: "integer", "x-id": "f_cl_referrer", "x-kind": "relation", "x-target": "clients" };
  ws.$defs.bulk = {
    type: "object",
    "x-id": "t_bulk",
    title: "Bulk row",
    properties: {
      label: { type: "string", "x-id": "f_bulk_label", "x-kind": "text", "x-indexed": true },
      n: { type: "integer", "x-id": "f_bulk_n", "x-kind": "integer" },
    },
  };
  return ws;
}

type Seed = {
  name: string;
  code?: string | null;
  city?: string | null;
  score?: number | null;
  since?: string | null;
  status?: string | null;
  tags?: string[] | null;
  vip?: boolean | null;
  ref?: string;
};

const CLIENTS: Seed[] = [
  { name: "Acme", code: "A_1", city: "Dublin", score: 10, since: "2025-01-15", status: "active", tags: ["vip"], vip: true },
  { name: "Beta", code: "B%2", city: "Cork", score: 20, since: "2025-06-01", status: "lead", tags: ["partner"], vip: false, ref: "Acme" },
  { name: "Gamma", code: null, city: "Dublin", score: null, since: null, status: null, tags: [], vip: null, ref: "Acme" },
  {
    name: "Delta",
    code: "D-4",
    city: "Berlin",
    score: 5,
    since: "2026-02-28",
    status: "active",
    tags: ["vip", "partner"],
    vip: true,
    ref: "Beta",
  },
  { name: "Epsilon", code: "e_5", city: null, score: -3, since: "2024-12-31", status: "gone", tags: null, vip: false },
  { name: "100% Zeta", code: "Z9", city: "Lyon", score: 20, since: "2025-06-01", status: "lead", tags: ["new"], vip: true, ref: "Delta" },
  { name: "Eta_x", code: "ab", city: "Dublin", score: 0, since: "2026-01-01", status: "active", tags: ["new", "vip"], vip: null },
  {
    name: "Theta",
    code: "",
    city: "Cork",
    score: 15,
    since: "2025-03-03",
    status: null,
    tags: ["partner", "new"],
    vip: false,
    ref: "100% Zeta",
  },
];
const ALL = CLIENTS.map((c) => c.name);

const BULK_ROWS = 10_050;

describe.each(testDatabases)("records lists on $name", (dbKind) => {
  let database: TestDatabase;
  let rt: Runtime;
  const ids = new Map<string, number>();
  const names = new Map<number, string>();

  beforeAll(async () => {
    database = await dbKind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: workspace() });
    for (const { ref, ...values } of CLIENTS) {
      const r = await rt.records.create(ACTOR, "clients", { ...values, referrer: ref ? ids.get(ref) : null });
      ids.set(r.name as string, r.id);
      names.set(r.id, r.name as string);
    }
    // Many rows for totals, in one statement.
    const now = "2026-01-01 00:00:00.000";
    if (rt.dialect === "mysql")
      await rt.db.raw(
        `insert into bulk (version, created_at, updated_at, label, n) select 1, ?, ?, concat('row ', seq), seq % 7 from seq_1_to_${BULK_ROWS}`,
        [now, now],
      );
    else
      await rt.db.raw(
        `with recursive s(x) as (select 1 union all select x + 1 from s where x < ${BULK_ROWS}) insert into bulk (version, created_at, updated_at, label, n) select 1, ?, ?, 'row ' || x, x % 7 from s`,
        [now, now],
      );
  });
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  async function namesFor(query: ListQuery): Promise<string[]> {
    const r = await rt.records.list(ACTOR, "clients", { pageSize: 100, ...query });
    return r.rows.map((row) => row.name as string);
  }
  const sorted = (xs: string[]) => [...xs].sort();
  const except = (...xs: string[]) => ALL.filter((n) => !xs.includes(n));

  type Case = [field: string, op: string, value: unknown, expected: string[] | (() => string[])];
  const cases: Case[] = [
    // text
    ["city", "eq", "Dublin", ["Acme", "Gamma", "Eta_x"]],
    ["city", "neq", "Dublin", ["Beta", "Delta", "Epsilon", "100% Zeta", "Theta"]],
    ["name", "contains", "eta", ["Beta", "100% Zeta", "Eta_x", "Theta"]],
    ["name", "contains", "%", ["100% Zeta"]],
    ["name", "contains", "_", ["Eta_x"]],
    ["code", "contains", "_", ["Acme", "Epsilon"]],
    ["name", "startsWith", "E", ["Epsilon", "Eta_x"]],
    ["code", "startsWith", "e_", ["Epsilon"]],
    ["city", "in", ["Cork", "Lyon"], ["Beta", "100% Zeta", "Theta"]],
    ["code", "isEmpty", null, ["Gamma", "Theta"]],
    ["code", "notEmpty", null, except("Gamma", "Theta")],
    // number
    ["score", "eq", 20, ["Beta", "100% Zeta"]],
    ["score", "neq", 20, except("Beta", "100% Zeta")],
    ["score", "lt", 5, ["Epsilon", "Eta_x"]],
    ["score", "lte", 5, ["Delta", "Epsilon", "Eta_x"]],
    ["score", "gt", 15, ["Beta", "100% Zeta"]],
    ["score", "gte", 15, ["Beta", "100% Zeta", "Theta"]],
    ["score", "between", [0, 10], ["Acme", "Delta", "Eta_x"]],
    ["score", "eq", "20", ["Beta", "100% Zeta"]],
    ["score", "isEmpty", null, ["Gamma"]],
    ["score", "notEmpty", null, except("Gamma")],
    // date
    ["since", "eq", "2025-06-01", ["Beta", "100% Zeta"]],
    ["since", "neq", "2025-06-01", except("Beta", "100% Zeta")],
    ["since", "lt", "2025-01-01", ["Epsilon"]],
    ["since", "lte", "2025-01-15", ["Acme", "Epsilon"]],
    ["since", "gt", "2025-06-01", ["Delta", "Eta_x"]],
    ["since", "gte", "2026-01-01", ["Delta", "Eta_x"]],
    ["since", "between", ["2025-01-01", "2025-12-31"], ["Acme", "Beta", "100% Zeta", "Theta"]],
    ["since", "isEmpty", null, ["Gamma"]],
    ["since", "notEmpty", null, except("Gamma")],
    // select
    ["status", "eq", "active", ["Acme", "Delta", "Eta_x"]],
    ["status", "neq", "active", ["Beta", "Gamma", "Epsilon", "100% Zeta", "Theta"]],
    ["status", "in", ["lead", "gone"], ["Beta", "Epsilon", "100% Zeta"]],
    ["status", "notIn", ["active", "lead"], ["Gamma", "Epsilon", "Theta"]],
    ["status", "isEmpty", null, ["Gamma", "Theta"]],
    ["status", "notEmpty", null, except("Gamma", "Theta")],
    // multiselect
    ["tags", "anyOf", ["vip"], ["Acme", "Delta", "Eta_x"]],
    ["tags", "anyOf", ["vip", "new"], ["Acme", "Delta", "100% Zeta", "Eta_x", "Theta"]],
    ["tags", "allOf", ["vip", "partner"], ["Delta"]],
    ["tags", "allOf", ["new"], ["100% Zeta", "Eta_x", "Theta"]],
    ["tags", "isEmpty", null, ["Gamma", "Epsilon"]],
    ["tags", "notEmpty", null, except("Gamma", "Epsilon")],
    // relation (ids resolved when the data exists)
    ["referrer", "eq", "@Acme", ["Beta", "Gamma"]],
    ["referrer", "neq", "@Acme", except("Beta", "Gamma")],
    ["referrer", "in", ["@Beta", "@100% Zeta"], ["Delta", "Theta"]],
    ["referrer", "isEmpty", null, ["Acme", "Epsilon", "Eta_x"]],
    ["referrer", "notEmpty", null, ["Beta", "Gamma", "Delta", "100% Zeta", "Theta"]],
    // boolean
    ["vip", "eq", true, ["Acme", "Delta", "100% Zeta"]],
    ["vip", "eq", false, ["Beta", "Epsilon", "Theta"]],
    ["vip", "isEmpty", null, ["Gamma", "Eta_x"]],
    ["vip", "notEmpty", null, except("Gamma", "Eta_x")],
  ];

  const resolve = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(resolve) : typeof v === "string" && v.startsWith("@") ? ids.get(v.slice(1)) : v;

  /**
   * WAS A BUG (query.server.ts applyFilter and service.server.ts list): on MariaDB/MySQL every LIKE —
   * filters contains, startsWith, anyOf, allOf and the q search — is a SQL syntax error (a 500):
   * the SQL text `escape '\\'` is an unterminated string there, because a backslash escapes the
   * closing quote in MySQL string literals (unless NO_BACKSLASH_ESCAPES). SQLite accepts it.
   * Fix guess: `escape '!'` with escapeLike using "!", or `escape '\\\\'` on MySQL.
   * Fixed in the tree while these tests were written (LIKE ... escape ? with a bound escape
   * character), so they are plain tests again; they guard against the regression on MariaDB.
   */
  const LIKE_OPS = new Set(["contains", "startsWith", "anyOf", "allOf"]);
  const likeIt = it;

  const checkFilter = async (field: string, op: string, value: unknown, expected: string[] | (() => string[])) => {
    const filter = value === null ? { field, op } : { field, op, value: resolve(value) };
    const got = await namesFor({ filter });
    expect(sorted(got)).toEqual(sorted(typeof expected === "function" ? expected() : expected));
    // The same filter as a JSON string (the query-string form) gives the same rows.
    expect(sorted(await namesFor({ filter: JSON.stringify(filter) }))).toEqual(sorted(got));
  };
  it.each(cases.filter((c) => !LIKE_OPS.has(c[1])))("filters %s %s %j", checkFilter);
  likeIt.each(cases.filter((c) => LIKE_OPS.has(c[1])))("filters %s %s %j (LIKE)", checkFilter);

  it("combines and, or and not", async () => {
    const dublinAndScoredOrUnsorted = {
      and: [
        { field: "city", op: "eq", value: "Dublin" },
        {
          or: [
            { field: "score", op: "gte", value: 10 },
            { field: "status", op: "isEmpty" },
          ],
        },
      ],
    };
    expect(sorted(await namesFor({ filter: dublinAndScoredOrUnsorted }))).toEqual(["Acme", "Gamma"]);
    expect(sorted(await namesFor({ filter: { not: dublinAndScoredOrUnsorted } }))).toEqual(sorted(except("Acme", "Gamma")));
    expect(sorted(await namesFor({ filter: { not: { field: "name", op: "eq", value: "Beta" } } }))).toEqual(sorted(except("Beta")));
  });

  likeIt("combines and, or and not around LIKE operators", async () => {
    const nested = {
      or: [
        { and: [{ field: "vip", op: "eq", value: true }, { not: { field: "tags", op: "anyOf", value: ["vip"] } }] },
        { field: "score", op: "lt", value: 0 },
      ],
    };
    expect(sorted(await namesFor({ filter: nested }))).toEqual(["100% Zeta", "Epsilon"]);
    expect(sorted(await namesFor({ filter: { not: { field: "name", op: "startsWith", value: "E" } } }))).toEqual(
      sorted(except("Epsilon", "Eta_x")),
    );
  });

  // SQL's NOT drops rows whose column is NULL; the service's `not` must keep them, like `neq`.
  it("treats not(eq) like neq for empty values", async () => {
    const neq = await namesFor({ filter: { field: "city", op: "neq", value: "Dublin" } });
    expect(sorted(await namesFor({ filter: { not: { field: "city", op: "eq", value: "Dublin" } } }))).toEqual(sorted(neq));
  });

  it("refuses bad filters with a 400", async () => {
    const bad: unknown[] = [
      { field: "nope", op: "eq", value: 1 },
      { field: "score", op: "contains", value: "1" },
      { field: "score", op: "eq", value: "abc" },
      { field: "score", op: "eq", value: { a: 1 } },
      { field: "status", op: "in", value: [] },
      { field: "name", op: "eq" },
      "{not json",
      { field: "name", op: "eq", value: "x", extra: 1 },
    ];
    for (const filter of bad) await expect(rt.records.list(ACTOR, "clients", { filter })).rejects.toMatchObject({ status: 400 });
  });

  it("sorts ascending with empty values first and descending with them last, id breaking ties", async () => {
    expect(await namesFor({ sort: "score" })).toEqual(["Gamma", "Epsilon", "Eta_x", "Delta", "Acme", "Theta", "Beta", "100% Zeta"]);
    expect(await namesFor({ sort: "-score" })).toEqual(["100% Zeta", "Beta", "Theta", "Acme", "Delta", "Eta_x", "Epsilon", "Gamma"]);
    expect(await namesFor({ sort: "since,-name" })).toEqual(["Gamma", "Epsilon", "Acme", "Theta", "Beta", "100% Zeta", "Eta_x", "Delta"]);
    expect(await namesFor({})).toEqual([...ALL].reverse());
    await expect(rt.records.list(ACTOR, "clients", { sort: "tags" })).rejects.toMatchObject({ status: 400 });
    await expect(rt.records.list(ACTOR, "clients", { sort: "nope" })).rejects.toMatchObject({ status: 400 });
  });

  // The quick search matches words by prefix through the full-text index (see
  // docs/decisions/007-search.md): "th" finds Theta, "eta" finds Eta_x but not Beta.
  it("searches the searchable fields word by word, by prefix, every word", async () => {
    expect(await namesFor({ q: "eta" })).toEqual(["Eta_x"]);
    expect(await namesFor({ q: "th" })).toEqual(["Theta"]);
    expect(await namesFor({ q: "ZETA" })).toEqual(["100% Zeta"]);
    expect(await namesFor({ q: "B%2" })).toEqual(["Beta"]);
    expect(await namesFor({ q: "acme a_1" })).toEqual(["Acme"]);
    expect(await namesFor({ q: "acme zeta" })).toEqual([]);
    expect(await namesFor({ q: "Dublin" })).toEqual([]); // city is not searchable
    expect(await namesFor({ q: "   " })).toHaveLength(CLIENTS.length);
    expect(await namesFor({ q: "%" })).toHaveLength(CLIENTS.length); // nothing to search for
    expect(await namesFor({ q: "zeta", filter: { field: "vip", op: "eq", value: true } })).toEqual(["100% Zeta"]);
    expect(await namesFor({ q: "zeta", filter: { field: "vip", op: "eq", value: false } })).toEqual([]);
  });

  it("counts exactly for small results", async () => {
    const r = await rt.records.list(ACTOR, "clients", { filter: { field: "city", op: "eq", value: "Dublin" }, pageSize: 2 });
    expect(r).toMatchObject({ total: 3, totalExact: true, page: 1, pageSize: 2 });
    expect(r.rows).toHaveLength(2);
    expect((await rt.records.list(ACTOR, "clients", {})).total).toBe(CLIENTS.length);
  });

  it("stops counting above 10,000 rows and says the total is not exact", async () => {
    const filtered = await rt.records.list(ACTOR, "bulk", { filter: { field: "n", op: "gte", value: 0 } });
    expect(filtered).toMatchObject({ total: 10_000, totalExact: false });
    const all = await rt.records.list(ACTOR, "bulk", {});
    expect(all.totalExact).toBe(false);
    expect(all.total).toBeGreaterThanOrEqual(10_000);
    const some = await rt.records.list(ACTOR, "bulk", { filter: { field: "n", op: "eq", value: 3 } });
    expect(some).toMatchObject({ total: Math.floor((BULK_ROWS - 3) / 7) + 1, totalExact: true });
  });

  it("counts the same whether the count rides in the page's query (few expected rows) or runs beside it", async () => {
    // label is indexed and nearly unique, so on MariaDB a pick of labels is counted inside the page
    // query; n is not indexed, so the same pick and a condition on n is counted beside it.
    const labels = Array.from({ length: 30 }, (_, i) => `row ${i + 1}`);
    const inline = await rt.records.list(ACTOR, "bulk", { filter: { field: "label", op: "in", value: labels }, pageSize: 5 });
    const beside = await rt.records.list(ACTOR, "bulk", {
      filter: {
        and: [
          { field: "n", op: "gte", value: 0 },
          { field: "label", op: "in", value: labels },
        ],
      },
      pageSize: 5,
    });
    expect(inline).toMatchObject({ total: 30, totalExact: true });
    expect(beside).toMatchObject({ total: 30, totalExact: true });
    expect(inline.rows.every((r) => !("__tessera_total" in r))).toBe(true);
    // A page past the end has no row to carry the count: it is counted on its own.
    const past = await rt.records.list(ACTOR, "bulk", { filter: { field: "label", op: "in", value: labels }, pageSize: 5, page: 1000 });
    expect(past).toMatchObject({ rows: [], total: 30, totalExact: true });
  });

  describe("pages", () => {
    async function walk(table: string, query: ListQuery): Promise<number[]> {
      const seen: number[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 1000; i++) {
        const r = await rt.records.list(ACTOR, table, { ...query, cursor });
        seen.push(...r.rows.map((row) => row.id));
        if (!r.nextCursor) return seen;
        cursor = r.nextCursor;
      }
      throw new Error("cursor walk did not end");
    }
    async function offsets(table: string, query: ListQuery): Promise<number[]> {
      const seen: number[] = [];
      for (let page = 1; ; page++) {
        const r = await rt.records.list(ACTOR, table, { ...query, page });
        seen.push(...r.rows.map((row) => row.id));
        if (r.rows.length < Number(query.pageSize)) return seen;
      }
    }

    const sorts = ["", "name", "-name", "score", "-score", "since,-score", "-since,name", "status,city", "vip,-referrer", "-created_at"];

    it.each(sorts)("walks every client exactly once by cursor, in order, sorted by %j", async (sort) => {
      const all = await namesFor({ sort });
      for (const pageSize of [1, 3]) {
        const byCursor = await walk("clients", { sort, pageSize });
        expect(byCursor.map((id) => names.get(id))).toEqual(all);
        expect(new Set(byCursor).size).toBe(CLIENTS.length);
        expect(byCursor).toEqual(await offsets("clients", { sort, pageSize }));
      }
    });

    it("walks a filtered sort on a column with duplicates and nulls the same way as offsets", async () => {
      // bulk: n has seven values, each ~1,400 times; a slice with nulls is added by update-free SQL.
      await rt.db("bulk").where("id", "<=", 40).update({ n: null });
      const query = { sort: "-n", pageSize: 7, filter: { field: "id", op: "lte", value: 120 } } as ListQuery;
      const byCursor = await walk("bulk", query);
      expect(byCursor).toHaveLength(120);
      expect(new Set(byCursor).size).toBe(120);
      expect(byCursor).toEqual(await offsets("bulk", query));
      const asc = await walk("bulk", { ...query, sort: "n,-label" });
      expect(asc).toEqual(await offsets("bulk", { ...query, sort: "n,-label" }));
      expect(asc.slice(0, 40).every((id) => id <= 40)).toBe(true);
    });

    it("refuses a cursor from another sort", async () => {
      const r = await rt.records.list(ACTOR, "clients", { sort: "name,score", pageSize: 2 });
      await expect(rt.records.list(ACTOR, "clients", { sort: "name", cursor: r.nextCursor })).rejects.toMatchObject({ status: 400 });
      await expect(rt.records.list(ACTOR, "clients", { cursor: "garbage!" })).rejects.toBeInstanceOf(ApiError);
    });
  });

  describe("expand", () => {
    it("returns the titles of related records", async () => {
      const r = await rt.records.list(ACTOR, "clients", { expand: "referrer", sort: "name" });
      const beta = r.rows.find((row) => row.name === "Beta")!;
      expect(beta._expanded).toEqual({ referrer: { id: ids.get("Acme"), title: "Acme" } });
      expect(r.rows.find((row) => row.name === "Acme")!._expanded).toBeUndefined();
      const one = await rt.records.get(ACTOR, "clients", ids.get("Theta")!, { expand: "referrer" });
      expect(one._expanded).toEqual({ referrer: { id: ids.get("100% Zeta"), title: "100% Zeta" } });
      await expect(rt.records.list(ACTOR, "clients", { expand: "name" })).rejects.toMatchObject({ status: 400 });
    });

    it("runs the same number of queries whatever the page size", async () => {
      const clientIds = [...ids.values()];
      for (let i = 0; i < 60; i++) await rt.records.create(ACTOR, "invoices", { client: clientIds[i % clientIds.length] });
      const queriesFor = async (pageSize: number) => {
        let n = 0;
        const count = () => n++;
        rt.db.on("query", count);
        try {
          const r = await rt.records.list(ACTOR, "invoices", { pageSize, expand: "client" });
          expect(r.rows).toHaveLength(pageSize);
          for (const row of r.rows)
            expect((row._expanded as { client: { title: string } }).client.title).toBe(names.get(row.client as number));
        } finally {
          rt.db.off("query", count);
        }
        return n;
      };
      await queriesFor(2); // warm the schema cache
      const small = await queriesFor(2);
      const large = await queriesFor(50);
      expect(small).toBeGreaterThan(0);
      expect(large).toBe(small);
      expect(small).toBeLessThanOrEqual(5);
    });
  });
});

describe.each(testDatabases)("filter field names on $name", (kind) => {
  it("treats names of Object.prototype members as unknown fields, never as a crash", async () => {
    const database = await kind.create();
    const rt = await createRuntime({ databaseUrl: database.url });
    try {
      await rt.workspace.apply({ baseVersion: 0, schema: smallWorkspace() });
      for (const field of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
        await expect(rt.records.list(SYSTEM_ACTOR, "clients", { filter: { field, op: "eq", value: "x" } })).rejects.toMatchObject({
          status: 400,
        });
        await expect(rt.records.list(SYSTEM_ACTOR, "clients", { sort: field })).rejects.toMatchObject({ status: 400 });
      }
    } finally {
      await rt.close();
      await database.drop();
    }
  });
});
