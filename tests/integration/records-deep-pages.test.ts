import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { testDatabases, type TestDatabase } from "../helpers/databases";

/**
 * Deep pages (issue 21): a page by number past the first few finds its ids through the sort
 * column's index before reading rows, and a cursor seeks without an offset. Both must answer
 * exactly the rows an OFFSET would, ties, NULLs and filters included.
 */
const ROWS = 2_400;
/** Amounts repeat (ties broken by id) and every 13th is empty. */
const amountOf = (id: number) => (id % 13 === 0 ? null : (id * 37) % 500);

function schema(): WorkspaceSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      entries: {
        type: "object",
        "x-id": "t_entries",
        "x-title-field": "label",
        properties: {
          label: { type: "string", "x-id": "f_entries_label", "x-kind": "text", maxLength: 100 },
          amount: { type: "number", "x-id": "f_entries_amount", "x-kind": "decimal", "x-scale": 2, "x-indexed": true },
          kind: { type: "string", "x-id": "f_entries_kind", "x-kind": "select", enum: ["a", "b", "c"], "x-indexed": true },
        },
      },
    },
  };
}

/** The order the database gives: NULLs first ascending, last descending; ties by id the same way. */
function ordered(ids: number[], desc: boolean): number[] {
  const key = (id: number) => amountOf(id) ?? -Infinity;
  return [...ids].sort((x, y) => (desc ? key(y) - key(x) || y - x : key(x) - key(y) || x - y));
}

describe.each(testDatabases)("deep pages on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  const all = Array.from({ length: ROWS }, (_, i) => i + 1);
  const list = (query: Record<string, unknown>) => rt.records.list(SYSTEM_ACTOR, "entries", { pageSize: 50, ...query });

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: schema() });
    const now = "2026-01-01 00:00:00.000";
    for (let from = 1; from <= ROWS; from += 200)
      await rt.db("entries").insert(
        Array.from({ length: 200 }, (_, i) => ({
          id: from + i,
          version: 1,
          created_at: now,
          updated_at: now,
          label: `Entry ${from + i}`,
          amount: amountOf(from + i),
          kind: ["a", "b", "c"][(from + i) % 3],
        })),
      );
  }, 120_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it.each([
    ["-amount", true],
    ["amount", false],
  ] as const)("answers page=N sorted by %s with the rows an offset would, past the first pages too", async (sort, desc) => {
    const expected = ordered(all, desc);
    for (const page of [1, 10, 11, 30, 48]) {
      const answer = await list({ sort, page });
      expect(
        answer.rows.map((r) => r.id),
        `page ${page}`,
      ).toEqual(expected.slice((page - 1) * 50, page * 50));
      expect(answer.rows[0].label).toBe(`Entry ${answer.rows[0].id}`);
      expect(answer.total).toBe(ROWS);
    }
    expect((await list({ sort, page: 49 })).rows).toEqual([]);
  });

  it("walks the same rows by cursor as by page number, filtered, across NULLs", async () => {
    const filter = { field: "kind", op: "in", value: ["a", "b"] };
    const expected = ordered(
      all.filter((id) => id % 3 !== 2),
      true,
    );
    let answer = await list({ sort: "-amount", filter, pageSize: 100 });
    const walked = answer.rows.map((r) => r.id);
    while (answer.nextCursor) {
      answer = await list({ sort: "-amount", filter, pageSize: 100, cursor: answer.nextCursor });
      walked.push(...answer.rows.map((r) => r.id));
    }
    expect(walked).toEqual(expected);
    const deep = await list({ sort: "-amount", filter, pageSize: 100, page: 15 });
    expect(deep.rows.map((r) => r.id)).toEqual(expected.slice(1400, 1500));
    expect(deep.rows.some((r) => r.amount === null)).toBe(true);
  });
});
