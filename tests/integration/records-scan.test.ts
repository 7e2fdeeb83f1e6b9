import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleDefinition, TableRights } from "@runtime/auth/roles";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { ScanQuery } from "@runtime/records/scan.server";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { ApiError } from "@runtime/errors";

/**
 * `records.scan`, the export's read (issue 17): every record of a list in the list's order, as
 * rows of the asked fields' values that equal what `list` answers, with the list's permission
 * checks — the row scope, hidden fields, and the names of linked records a role may not read.
 */
const ROWS = 530;
/** Amounts repeat (ties broken by id) and every 13th is empty. */
const amountOf = (id: number) => (id % 13 === 0 ? null : (id * 37) % 50);
const OWNER = 7;

function schema(): WorkspaceSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      firms: {
        type: "object",
        "x-id": "t_firms",
        "x-title-field": "name",
        properties: { name: { type: "string", "x-id": "f_firms_name", "x-kind": "text", maxLength: 100 } },
      },
      entries: {
        type: "object",
        "x-id": "t_entries",
        "x-title-field": "label",
        "x-owner-field": "owner",
        properties: {
          label: { type: "string", "x-id": "f_entries_label", "x-kind": "text", maxLength: 100 },
          amount: { type: "number", "x-id": "f_entries_amount", "x-kind": "decimal", "x-scale": 2, "x-indexed": true },
          done: { type: "boolean", "x-id": "f_entries_done", "x-kind": "boolean" },
          day: { type: "string", "x-id": "f_entries_day", "x-kind": "date", format: "date" },
          firm: { type: "integer", "x-id": "f_entries_firm", "x-kind": "relation", "x-target": "firms" },
          owner: { type: "integer", "x-id": "f_entries_owner", "x-kind": "relation", "x-target": "crm_users" },
        },
      },
    },
  };
}

const everything: TableRights = { read: true, create: true, update: true, delete: true, print: true, scope: "all" };
function actorWith(tables: RoleDefinition["tables"]): Actor {
  return { id: OWNER, name: "Tess", role: "clerk", rights: { key: "clerk", name: "Clerk", builtin: false, admin: false, tables } };
}

async function refusal(work: Promise<unknown>): Promise<ApiError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof ApiError) return error;
  throw error ?? new Error("expected a refusal, but the scan answered");
}

async function scanned(rt: Runtime, actor: Actor, query: ScanQuery) {
  const rows: unknown[][] = [];
  const titles: Map<number, string>[] = [];
  for await (const page of rt.records.scan(actor, "entries", query)) {
    rows.push(...page.rows);
    titles.push(...page.titles.filter((t): t is Map<number, string> => t instanceof Map));
  }
  return { rows, titles };
}

describe.each(testDatabases)("scanning a list on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: schema() });
    const now = "2026-01-01 00:00:00.000";
    await rt.db("firms").insert([
      { id: 1, version: 1, created_at: now, updated_at: now, name: "Acme" },
      { id: 2, version: 1, created_at: now, updated_at: now, name: "Globex" },
    ]);
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      id: i + 1,
      version: 1,
      created_at: now,
      updated_at: now,
      label: `Entry ${i + 1}`,
      amount: amountOf(i + 1),
      done: i % 2,
      day: `2026-03-${String((i % 28) + 1).padStart(2, "0")}`,
      firm: i % 3 === 0 ? null : ((i % 3) as 1 | 2),
      owner: i % 4 === 0 ? OWNER : null,
    }));
    // SQLite takes at most 500 rows in one INSERT.
    for (let from = 0; from < ROWS; from += 100) await rt.db("entries").insert(rows.slice(from, from + 100));
  }, 120_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  /** Every record of the list as `list` answers it, page after page through its cursor. */
  async function listed(actor: Actor, query: Record<string, unknown>) {
    const rows = [];
    let cursor: string | null = null;
    do {
      const page = await rt.records.list(actor, "entries", { ...query, pageSize: 500, ...(cursor ? { cursor } : {}) });
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  it("reads every record in the list's order, ties and empty values across pages, with the list's values", async () => {
    const fields = ["label", "amount", "done", "day", "firm"];
    const query = { sort: "-amount", filter: JSON.stringify({ field: "done", op: "eq", value: true }) };
    const { rows } = await scanned(rt, SYSTEM_ACTOR, { ...query, fields, pageSize: 40 });
    const expected = await listed(SYSTEM_ACTOR, query);
    expect(rows.length).toBe(ROWS / 2);
    expect(rows).toEqual(expected.map((r) => fields.map((f) => r[f])));
  });

  it("carries the linked records' titles, and a page's titles only for the links it holds", async () => {
    const { rows, titles } = await scanned(rt, SYSTEM_ACTOR, { fields: ["firm", "label"], expand: ["firm"], sort: "id", pageSize: 100 });
    expect(rows[0]).toEqual([null, "Entry 1"]);
    expect(rows[1]).toEqual([1, "Entry 2"]);
    expect(titles[0]).toEqual(
      new Map([
        [1, "Acme"],
        [2, "Globex"],
      ]),
    );
  });

  it("keeps a role to its own records, and names what it may not read as the list does", async () => {
    const clerk = actorWith({ t_entries: { ...everything, scope: "own" }, t_firms: { ...everything, read: false } });
    const { rows, titles } = await scanned(rt, clerk, { fields: ["label", "firm"], expand: ["firm"], sort: "id", pageSize: 30 });
    expect(rows.map((r) => r[0])).toEqual((await listed(clerk, { sort: "id" })).map((r) => r.label));
    expect(rows.length).toBe(Math.ceil(ROWS / 4));
    expect([...titles[0].values()].every((t) => /^firms #\d$|#\d/.test(t) && !/Acme|Globex/.test(t))).toBe(true);
  });

  it("refuses a field the role may not see, and a table it may not read", async () => {
    const hiding = actorWith({ t_entries: { ...everything, fields: { f_entries_amount: "hidden" } } });
    const refused = await refusal(scanned(rt, hiding, { fields: ["label", "amount"] }));
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/"amount"/);
    expect((await refusal(scanned(rt, hiding, { fields: ["label"], sort: "-amount" }))).status).toBe(403);
    const blind = actorWith({ t_entries: { ...everything, read: false } });
    expect((await refusal(scanned(rt, blind, { fields: ["label"] }))).status).toBe(403);
    expect((await refusal(scanned(rt, SYSTEM_ACTOR, { fields: ["nope"] }))).status).toBe(400);
  });
});
