import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@runtime/auth/actors.server";
import { saveRole } from "@runtime/auth/roles.server";
import { addUser } from "@runtime/auth/users.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { apiStatus } from "../helpers/api-status";
import { testDatabases, type TestDatabase } from "../helpers/databases";

function dealsWorkspace(): WorkspaceSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      deals: {
        type: "object",
        "x-id": "t_deals",
        title: "Deal",
        "x-plural": "Deals",
        "x-title-field": "title",
        "x-owner-field": "owner",
        properties: {
          title: { type: "string", "x-id": "f_d_title", "x-kind": "text", title: "Title", maxLength: 200, "x-searchable": true },
          stage: {
            type: "string",
            "x-id": "f_d_stage",
            "x-kind": "select",
            title: "Stage",
            enum: ["open", "won", "lost"],
            "x-option-meta": { open: { probability: 0.5 }, won: { probability: 1 } },
            "x-indexed": true,
          },
          amount: { type: "number", "x-id": "f_d_amount", "x-kind": "money", title: "Amount", "x-currency": "EUR" },
          margin: { type: "number", "x-id": "f_d_margin", "x-kind": "money", title: "Margin", "x-currency": "EUR" },
          owner: { type: "integer", "x-id": "f_d_owner", "x-kind": "relation", title: "Owner", "x-target": "crm_users" },
          price: { type: "number", "x-id": "f_d_price", "x-kind": "money", title: "Price", "x-currency-field": "currency" },
          currency: { type: "string", "x-id": "f_d_currency", "x-kind": "select", title: "Currency", enum: ["EUR", "USD"] },
          closed: { type: "string", "x-id": "f_d_closed", "x-kind": "date", title: "Closed" },
        },
        required: ["title"],
      },
    },
  } as WorkspaceSchema;
}

const byValue = (groups: { value: unknown; count: number; sum: number | null }[]) =>
  Object.fromEntries(groups.map((g) => [String(g.value), { count: g.count, sum: g.sum }]));

describe.each(testDatabases)("board column counts and sums on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let seller: Actor; // sees own deals only, margin hidden
  let sellerId: number;

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({
      databaseUrl: database.url,
      seed: { configuration: { schema: dealsWorkspace(), layouts: [], views: [], templates: [], roleRights: {} } },
    });
    await saveRole(rt.db, {
      key: "seller",
      name: "Seller",
      tables: {
        t_deals: { read: true, create: true, update: true, delete: false, print: false, scope: "own", fields: { f_d_margin: "hidden" } },
      },
    });
    const user = await addUser(rt.db, { name: "Sam", email: "sam@example.com", role: "seller" });
    const other = await addUser(rt.db, { name: "Olga", email: "olga@example.com", role: "seller" });
    sellerId = user.id;
    seller = await actorForUser(rt.db, user);
    const deals: [string, string | null, number, number, number, string, string | null][] = [
      ["Alpha", "open", 100.5, 10, user.id, "EUR", null],
      ["Beta", "open", 200, 20, other.id, "USD", null],
      ["Gamma", "won", 300.25, 30, user.id, "EUR", "2026-10-31"],
      ["Delta", null, 50, 5, user.id, "EUR", null],
      ["Epsilon", "lost", 70, 7, other.id, "USD", "2026-11-01"],
      ["Zeta", "won", 30, 3, other.id, "USD", "2026-11-30"],
    ];
    for (const [title, stage, amount, margin, owner, currency, closed] of deals)
      await rt.records.create(SYSTEM_ACTOR, "deals", { title, stage, amount, margin, owner, price: amount, currency, closed });
  });
  afterAll(async () => {
    await rt.close();
    await database.drop();
  });

  it("counts and sums every column, records without a value included", async () => {
    const groups = byValue(await rt.records.groupCounts(SYSTEM_ACTOR, "deals", { groupBy: "stage", sum: "amount" }));
    expect(groups).toEqual({
      open: { count: 2, sum: 300.5 },
      won: { count: 2, sum: 330.25 },
      lost: { count: 1, sum: 70 },
      null: { count: 1, sum: 50 },
    });
  });

  it("sums money per currency, never across, and splits by month", async () => {
    const groups = await rt.records.groupCounts(SYSTEM_ACTOR, "deals", { groupBy: "stage", sum: "price" });
    const open = groups.find((g) => g.value === "open")!;
    expect(open).toMatchObject({ count: 2, sum: null });
    expect([...open.sums].sort((a, b) => a.currency!.localeCompare(b.currency!))).toEqual([
      { currency: "EUR", sum: 100.5 },
      { currency: "USD", sum: 200 },
    ]);
    expect(groups.find((g) => g.value === "lost")).toMatchObject({ count: 1, sum: 70, sums: [{ currency: "USD", sum: 70 }] });

    const monthly = await rt.records.groupCounts(SYSTEM_ACTOR, "deals", {
      groupBy: "stage",
      sum: "price",
      month: "closed",
      filter: { field: "stage", op: "in", value: ["won", "lost"] },
    });
    const cells = monthly
      .map((g) => [g.value, g.month, g.count, g.sums])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0])));
    expect(cells).toEqual([
      ["won", "2026-10", 1, [{ currency: "EUR", sum: 300.25 }]],
      ["lost", "2026-11", 1, [{ currency: "USD", sum: 70 }]],
      ["won", "2026-11", 1, [{ currency: "USD", sum: 30 }]],
    ]);
    expect(await apiStatus(rt.records.groupCounts(SYSTEM_ACTOR, "deals", { groupBy: "stage", month: "title" }))).toBe(400);
  });

  it("applies the list's filter and search", async () => {
    const filtered = byValue(
      await rt.records.groupCounts(SYSTEM_ACTOR, "deals", {
        groupBy: "stage",
        sum: "amount",
        filter: { field: "amount", op: "gte", value: 100 },
      }),
    );
    expect(filtered).toEqual({ open: { count: 2, sum: 300.5 }, won: { count: 1, sum: 300.25 } });
    const searched = byValue(await rt.records.groupCounts(SYSTEM_ACTOR, "deals", { groupBy: "stage", q: "gamma" }));
    expect(searched).toEqual({ won: { count: 1, sum: null } });
  });

  it("groups by a user field", async () => {
    const groups = byValue(await rt.records.groupCounts(SYSTEM_ACTOR, "deals", { groupBy: "owner", sum: "amount" }));
    expect(groups[String(sellerId)]).toEqual({ count: 3, sum: 450.75 });
  });

  it("counts only what the actor's scope lets them see", async () => {
    const groups = byValue(await rt.records.groupCounts(seller, "deals", { groupBy: "stage", sum: "amount" }));
    expect(groups).toEqual({ open: { count: 1, sum: 100.5 }, won: { count: 1, sum: 300.25 }, null: { count: 1, sum: 50 } });
  });

  it("pages a column without counting it when the caller counts it", async () => {
    const queries: string[] = [];
    const listen = (q: { sql: string }) => void queries.push(q.sql);
    rt.db.on("query", listen);
    const page = await rt.records.list(SYSTEM_ACTOR, "deals", {
      filter: { field: "stage", op: "eq", value: "open" },
      pageSize: 1,
      count: false,
    });
    rt.db.off("query", listen);
    expect([page.totalExact, page.rows.length, page.nextCursor !== null]).toEqual([false, 1, true]);
    expect(queries.filter((q) => /count\(/i.test(q))).toEqual([]);
    const counted = await rt.records.list(SYSTEM_ACTOR, "deals", { filter: { field: "stage", op: "eq", value: "open" }, pageSize: 1 });
    expect(counted.total).toBe(2);
  });

  it("refuses to sum or group by a hidden field, or by a field a board cannot use", async () => {
    expect(await apiStatus(rt.records.groupCounts(seller, "deals", { groupBy: "stage", sum: "margin" }))).toBe(403);
    expect(await apiStatus(rt.records.groupCounts(SYSTEM_ACTOR, "deals", { groupBy: "title" }))).toBe(400);
    expect(await apiStatus(rt.records.groupCounts(SYSTEM_ACTOR, "deals", { groupBy: "stage", sum: "title" }))).toBe(400);
  });
});
