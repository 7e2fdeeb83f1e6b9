import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { SCAN_WINDOW } from "@runtime/records/search-scan.server";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { testDatabases, type TestDatabase } from "../helpers/databases";

/**
 * Search on a table past the size where every match is ranked (ADR 007): newest first, title
 * matches first within the page, and on MariaDB a common term found by a scan in the list's order.
 * 30,000 people; every 10th is a Mercier, every 10th + 3 a "Lamercier" (the word does not start
 * with the term), one "Mèrcier" with an accent, one exact "Mercier" among the newest, one rare name.
 */
const ROWS = 30_000;
const EXACT = ROWS - 15;
const ACCENTED = ROWS - 25;
const RARE = 7;

function schema(): WorkspaceSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      people: {
        type: "object",
        "x-id": "t_people",
        "x-title-field": "name",
        properties: {
          name: { type: "string", "x-id": "f_people_name", "x-kind": "text", maxLength: 200, "x-searchable": true },
          city: { type: "string", "x-id": "f_people_city", "x-kind": "text", maxLength: 100 },
        },
      },
    },
  };
}

function nameOf(id: number): string {
  if (id === EXACT) return "Mercier";
  if (id === ACCENTED) return `Anna Mèrcier ${id}`;
  if (id === RARE) return "Quetzalcoatl Imports";
  if (id % 10 === 0) return `Anna Mercier ${id}`;
  if (id % 10 === 3) return `Ben Lamercier ${id}`;
  return `Chloe Smith ${id}`;
}
const isMercier = (id: number) => id === EXACT || id === ACCENTED || (id % 10 === 0 && id !== RARE);

describe.each(testDatabases)("search on a big table on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  const expected = Array.from({ length: ROWS }, (_, i) => ROWS - i).filter(isMercier);

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: schema() });
    const now = "2026-01-01 00:00:00.000";
    for (let from = 1; from <= ROWS; from += 250) {
      const rows = Array.from({ length: 250 }, (_, i) => ({
        id: from + i,
        version: 1,
        created_at: now,
        updated_at: now,
        name: nameOf(from + i),
        city: `City ${(from + i) % 7}`,
      }));
      await rt.db("people").insert(rows);
    }
  }, 120_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("answers a common term newest first, the exact title first within the page, and pages on by cursor and by number", async () => {
    const first = await rt.records.list(SYSTEM_ACTOR, "people", { q: "mercier", pageSize: 20 });
    const ids = first.rows.map((r) => r.id);
    expect([...ids].sort((a, b) => Number(b) - Number(a))).toEqual(expected.slice(0, 20));
    expect(ids[0]).toBe(EXACT);
    expect(first.rows.map((r) => r.name)).toContain(`Anna Mèrcier ${ACCENTED}`);
    expect(first.total).toBeGreaterThan(2_000);
    expect(first.total).toBeLessThan(5_000);
    expect(first.nextCursor).not.toBeNull();

    const second = await rt.records.list(SYSTEM_ACTOR, "people", { q: "mercier", pageSize: 20, cursor: first.nextCursor });
    expect(second.rows.map((r) => r.id)).toEqual(expected.slice(20, 40));
    expect(second.total).toBe(first.total);
    const byNumber = await rt.records.list(SYSTEM_ACTOR, "people", { q: "mercier", pageSize: 20, page: 2 });
    expect(byNumber.rows.map((r) => r.id)).toEqual(expected.slice(20, 40));
    const oldestFirst = await rt.records.list(SYSTEM_ACTOR, "people", { q: "mercier", pageSize: 20, sort: "id" });
    expect(oldestFirst.rows.map((r) => r.id)).toEqual([...expected].reverse().slice(0, 20));
  });

  it("keeps word starts: a term inside a word is no match, the word itself is", async () => {
    const lamercier = await rt.records.list(SYSTEM_ACTOR, "people", { q: "lamerc", pageSize: 5 });
    expect(lamercier.rows.map((r) => r.name)).toEqual(
      [ROWS - 7, ROWS - 17, ROWS - 27, ROWS - 37, ROWS - 47].map((id) => `Ben Lamercier ${id}`),
    );
    const both = await rt.records.list(SYSTEM_ACTOR, "people", { q: "anna merc", pageSize: 50 });
    expect(both.rows.every((r) => /^Anna M[eè]rcier/.test(String(r.name)))).toBe(true);
  });

  it("finds a rare name far past the scan's window, with an exact total", async () => {
    expect(ROWS - RARE).toBeGreaterThan(SCAN_WINDOW);
    const rare = await rt.records.list(SYSTEM_ACTOR, "people", { q: "quetzal", pageSize: 20 });
    expect(rare.rows.map((r) => r.id)).toEqual([RARE]);
    expect(rare).toMatchObject({ total: 1, totalExact: true, nextCursor: null });
  });

  it("finds the table's id range at the ends of its index, without walking the rows", async () => {
    const sent: string[] = [];
    const listen = (q: { sql: string }) => sent.push(q.sql);
    rt.db.on("query", listen);
    try {
      await rt.records.list(SYSTEM_ACTOR, "people", { q: "quetzal", pageSize: 20 });
    } finally {
      rt.db.removeListener("query", listen);
    }
    const bounds = sent.find((sql) => /min\(/i.test(sql) && /max\(/i.test(sql));
    expect(bounds).toBeDefined();
    const explain = kind.name === "sqlite" ? "explain query plan" : "explain";
    const answer = (await rt.db.raw(`${explain} ${bounds!.replace(/\?/g, "1")}`)) as unknown;
    const plan = (kind.name === "sqlite" ? answer : (answer as unknown[])[0]) as Record<string, unknown>[];
    const steps = plan.map((r) => JSON.stringify(r));
    expect(steps.length).toBeGreaterThan(0);
    // SQLite: SEARCH (one end of the rowid tree), never SCAN people; MariaDB: the index ends, no rows read.
    if (kind.name === "sqlite") expect(steps.some((s) => /SCAN people/.test(s))).toBe(false);
    else expect(steps.every((s) => /optimized away|No tables used/i.test(s))).toBe(true);
  });

  it("combines a common term with a filter and another sort", async () => {
    const filter = { field: "city", op: "eq", value: "City 3" };
    const inCity = expected.filter((id) => id % 7 === 3);
    const filtered = await rt.records.list(SYSTEM_ACTOR, "people", { q: "mercier", filter, pageSize: 10 });
    expect(filtered.rows.map((r) => r.id).sort((a, b) => Number(b) - Number(a))).toEqual(inCity.slice(0, 10));
    const byName = await rt.records.list(SYSTEM_ACTOR, "people", { q: "mercier", sort: "-name", pageSize: 3 });
    // How "è" sorts against "e" is the database's collation; the term's matches come either way.
    expect(byName.rows[0].name).toBe("Mercier");
    expect(byName.rows.slice(1).every((r) => /^Anna M[eè]rcier \d+$/.test(String(r.name)))).toBe(true);
  });
});
