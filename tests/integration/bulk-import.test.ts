import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_TABLES } from "@runtime/auth/auth-tables.server";
import { EVENT_JOB } from "@runtime/automation/events.server";
import { IMPORT_JOB } from "@runtime/dataio/import.server";
import type { JobHandler } from "@runtime/jobs/types";
import { SimulatedCrash } from "@runtime/migrations/apply.server";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { testDatabases, type TestDatabase } from "../helpers/databases";

type Row = Record<string, unknown>;

/** Two tables of one shape: one filled by imports (`createMany`), one record by record, to compare. */
function schema(): WorkspaceSchema {
  const table = (id: string, prefix: string) => ({
    type: "object",
    "x-id": `t_${id}`,
    "x-title-field": "name",
    properties: {
      number: { type: "string", "x-id": `f_${id}_number`, "x-kind": "autonumber", "x-pattern": `${prefix}-{0000}`, "x-unique": true },
      name: { type: "string", "x-id": `f_${id}_name`, "x-kind": "text", maxLength: 200 },
      email: { type: "string", "x-id": `f_${id}_email`, "x-kind": "email", "x-unique": true },
      status: { type: "string", "x-id": `f_${id}_status`, "x-kind": "select", enum: ["lead", "active"], default: "lead" },
      revenue: { type: "number", "x-id": `f_${id}_revenue`, "x-kind": "money" },
      tier: {
        type: "string",
        "x-id": `f_${id}_tier`,
        "x-kind": "formula",
        "x-formula": 'if(coalesce(revenue, 0) >= 1000, "key", "standard")',
        "x-result": "text",
      },
    },
    required: ["name"],
  });
  // A table that relates to itself: a row may name a record an earlier row of the file made.
  const staff = {
    type: "object",
    "x-id": "t_staff",
    "x-title-field": "name",
    properties: {
      name: { type: "string", "x-id": "f_staff_name", "x-kind": "text", maxLength: 200, "x-unique": true },
      manager: { type: "integer", "x-id": "f_staff_manager", "x-kind": "relation", "x-target": "staff" },
    },
    required: ["name"],
  };
  // Lines whose total locks their order: a batch's lines can lock the order for the next batch.
  const orders = {
    type: "object",
    "x-id": "t_orders",
    "x-title-field": "name",
    "x-lock": { when: { field: "total", op: "gte", value: 1000 }, fields: ["lines"], message: "The order is full." },
    properties: {
      name: { type: "string", "x-id": "f_orders_name", "x-kind": "text", maxLength: 200 },
      total: { type: "integer", "x-id": "f_orders_total", "x-kind": "formula", "x-formula": "sum(lines.amount)", "x-result": "integer" },
    },
    required: ["name"],
  };
  const orderLines = {
    type: "object",
    "x-id": "t_order_lines",
    properties: {
      parent: {
        type: "integer",
        "x-id": "f_lines_parent",
        "x-kind": "relation",
        "x-target": "orders",
        "x-inverse": "lines",
        "x-composition": true,
      },
      amount: { type: "integer", "x-id": "f_lines_amount", "x-kind": "integer" },
    },
    required: ["parent"],
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: { people: table("people", "P"), twins: table("twins", "P"), staff, orders, order_lines: orderLines },
  } as unknown as WorkspaceSchema;
}

const csvOf = (rows: string[][]) => ["Name,Email,Status,Revenue", ...rows.map((r) => r.join(","))].join("\n") + "\n";
const person = (i: number) => [`Person ${i}`, `p${i}@example.com`, i % 2 ? "active" : "", String(i * 10)];
const bytes = (text: string) => new TextEncoder().encode(text);

/** The import job and `createMany` on each database, in process: the HTTP path is import-http.test.ts. */
describe.each(testDatabases)("bulk import on $name", ({ create }) => {
  let database: TestDatabase;
  let rt: Runtime;
  let clock = new Date("2026-12-06T09:00:00Z");
  let crashAfter: number | null = null;

  const run = async (file: Uint8Array, fields: { mode: string; key?: string }, table = "people") => {
    const { jobId } = await rt.imports.start(SYSTEM_ACTOR, table, { file, ...fields });
    await rt.queue.runUntilIdle(rt.jobHandlers);
    return { jobId, status: await rt.imports.status(SYSTEM_ACTOR, jobId) };
  };
  const all = async (table: string) => (await rt.db(table).orderBy("id")) as Row[];
  const count = async (table: string, where: Row = {}) =>
    Number(((await rt.db(table).where(where).count({ n: "*" }).first()) as { n: number | string }).n);

  beforeAll(async () => {
    database = await create();
    rt = await createRuntime({
      databaseUrl: database.url,
      jobs: { now: () => clock, instanceId: "bulk-test" },
      imports: {
        batchRows: 1000,
        afterBatch: (processed) => {
          if (crashAfter !== null && processed >= crashAfter) {
            crashAfter = null;
            throw new SimulatedCrash();
          }
        },
      },
    });
    await rt.workspace.apply({ baseVersion: 0, schema: schema() });
  }, 60_000);

  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("writes a batch as create writes each record: values, formulas, numbers, audit and rules", async () => {
    for (const table of ["people", "twins"])
      await rt.automation.rules.create(SYSTEM_ACTOR, {
        name: `Key ${table}`,
        table,
        enabled: true,
        trigger: { type: "created" },
        condition: { field: "tier", op: "eq", value: "key" },
        actions: [{ type: "update", values: { name: "{{ record.name }} (key)" } }],
      } as never);
    const rows = Array.from({ length: 150 }, (_, i) => person(i + 1));
    const { status } = await run(bytes(csvOf(rows)), { mode: "insert" });
    expect(status).toMatchObject({ state: "done", processed: 150, total: 150, created: 150, errors: [] });
    for (const r of rows)
      await rt.records.create(SYSTEM_ACTOR, "twins", {
        name: r[0],
        email: r[1],
        ...(r[2] ? { status: r[2] } : {}),
        revenue: Number(r[3]),
      });
    await rt.queue.runUntilIdle(rt.jobHandlers);
    const shape = (r: Row) => ({ ...r, id: undefined, created_at: undefined, updated_at: undefined });
    expect((await all("people")).map(shape)).toEqual((await all("twins")).map(shape));
    const bulk = await all("people");
    expect(bulk.map((r) => r.number)).toEqual(rows.map((_, i) => `P-${String(i + 1).padStart(4, "0")}`));
    expect(bulk[99]).toMatchObject({ tier: "key", status: "lead", name: "Person 100 (key)", version: 2 });
    expect(await count(AUTH_TABLES.audit, { table_key: "people", action: "create" })).toBe(150);
    // Revenue ≥ 1000 from person 100 on: 51 rule events, as 51 single creates would have queued.
    const events = (await rt.db("crm_jobs").where({ type: EVENT_JOB }).orderBy("id")) as { payload: string }[];
    expect(events.filter((e) => JSON.parse(e.payload).table === "t_people")).toHaveLength(51);
    // The same events, in the records' order, as the single creates queued for the twins.
    const fired = (table: string) =>
      events
        .map((e) => JSON.parse(e.payload) as { table: string; action: string; version: number; depth: number; after: Row })
        .filter((e) => e.table === table)
        .map((e) => [e.action, e.version, e.depth, e.after.number, e.after.name, e.after.tier]);
    expect(fired("t_people")).toEqual(fired("t_twins"));
  });

  it("names each bad row of a batch and keeps the others", async () => {
    const rows = [
      person(501),
      ["Bad Mail", "not-an-email", "", "1"],
      person(502),
      ["Twice", "p501@example.com", "", "1"],
      ["", "x@y.z", "", ""],
      ["Taken Before", "p2@example.com", "", "1"],
    ];
    const before = await count("people");
    const { status } = await run(bytes(csvOf(rows)), { mode: "insert" });
    expect(status).toMatchObject({ state: "done", created: 2 });
    expect(status.errors).toEqual([
      expect.objectContaining({ row: 3, field: "email" }),
      expect.objectContaining({ row: 5, field: "email", message: expect.stringContaining("unique") }),
      expect.objectContaining({ row: 6, field: "name" }),
      expect.objectContaining({ row: 7, field: "email", message: expect.stringContaining("unique") }),
    ]);
    expect(await count("people")).toBe(before + 2);
  });

  it("prepares a batch while the one before is written, and still names a clash with it", async () => {
    // Batches of 1,000: the third is checked while the second is written; its row 2,501 repeats an
    // email of row 1,502, which only the unique index sees, once the second batch has committed.
    const before = await count("people");
    // Under the first test's rule threshold: the names stay as imported.
    const rows = Array.from({ length: 3200 }, (_, i) => [`Ahead ${i}`, `ahead${i}@example.com`, i % 2 ? "active" : "", String(i % 900)]);
    rows[2499] = ["Ahead clash", "ahead1500@example.com", "", "1"];
    const { status } = await run(bytes(csvOf(rows)), { mode: "insert" });
    expect(status).toMatchObject({ state: "done", processed: 3200, created: 3199 });
    expect(status.errors).toEqual([expect.objectContaining({ row: 2501, field: "email", message: expect.stringContaining("unique") })]);
    expect(await count("people")).toBe(before + 3199);
    // In file order: ids, numbers and rows agree across the batches, the clash's batch included.
    const made = ((await rt.db("people").where("name", "like", "Ahead %").orderBy("id")) as Row[]).map((r) => [r.name, r.number]);
    const numbers = made.map(([, n]) => Number(String(n).slice(2)));
    expect(made.map(([name]) => name)).toEqual(rows.filter((_, i) => i !== 2499).map((r) => r[0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(3199);
  }, 120_000);

  it("finds a record an earlier batch made, in a table that relates to itself", async () => {
    // Row 1,500 (second batch) names its manager by the title of row 1 (first batch).
    const rows = Array.from({ length: 1500 }, (_, i) => [`Staff ${i}`, i === 1499 ? "Staff 0" : ""]);
    const csv = ["Name,Manager", ...rows.map((r) => r.join(","))].join("\n") + "\n";
    const { status } = await run(bytes(csv), { mode: "insert" }, "staff");
    expect(status).toMatchObject({ state: "done", created: 1500, errors: [] });
    const [boss] = (await rt.db("staff").where({ name: "Staff 0" })) as Row[];
    expect(await rt.db("staff").where({ name: "Staff 1499" }).first()).toMatchObject({ manager: boss.id });
  }, 120_000);

  it("checks a batch against what the batch before did to a parent: lines of an order it filled are refused", async () => {
    // Batches of 1,000: the first batch's lines bring the order to its limit, which locks it.
    await rt.records.create(SYSTEM_ACTOR, "orders", { name: "Order 1" });
    const csv = ["Parent,Amount", ...Array.from({ length: 1200 }, () => "Order 1,1")].join("\n") + "\n";
    const { status } = await run(bytes(csv), { mode: "insert" }, "order_lines");
    expect(status).toMatchObject({ state: "done", processed: 1200, created: 1000 });
    expect(status.errors).toHaveLength(200);
    expect(status.errors[0]).toMatchObject({ row: 1002 });
    expect(await rt.db("orders").where({ name: "Order 1" }).first()).toMatchObject({ total: 1000 });
  }, 120_000);

  it("upserts by a unique key: matched records updated, the others created", async () => {
    const csv = csvOf([["Person 1 renamed", "p1@example.com", "active", "5"], person(900)]);
    const { status } = await run(bytes(csv), { mode: "upsert", key: "email" });
    expect(status).toMatchObject({ state: "done", created: 1, updated: 1, errors: [] });
    const [first] = (await rt.db("people").where({ email: "p1@example.com" })) as Row[];
    expect(first).toMatchObject({ name: "Person 1 renamed", version: 2 });
  });

  it("goes on after a crash from the last committed batch: nothing twice, nothing lost", async () => {
    const before = await count("people");
    // Under the rule's threshold: the undo below finds the records as the import left them.
    const rows = Array.from({ length: 2500 }, (_, i) => [`Crash ${i}`, `p${10_000 + i}@example.com`, "", "0"]);
    crashAfter = 1000;
    const { jobId } = await rt.imports.start(SYSTEM_ACTOR, "people", { file: bytes(csvOf(rows)), mode: "insert" });
    // A worker that dies: its job is left running, no failure recorded, until its lease runs out.
    const [job] = await rt.queue.claim(1);
    expect(job.type).toBe(IMPORT_JOB);
    const handler = rt.jobHandlers[IMPORT_JOB] as JobHandler;
    await expect(
      handler({
        job,
        payload: job.payload,
        progress: async (p) => void (await rt.queue.progress(job, p)),
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(SimulatedCrash);
    expect(await count("people")).toBe(before + 1000);
    expect(await rt.imports.status(SYSTEM_ACTOR, jobId)).toMatchObject({ state: "running", processed: 1000 });
    clock = new Date(clock.getTime() + rt.queue.leaseMs + 1000);
    await rt.queue.runUntilIdle(rt.jobHandlers);
    const status = await rt.imports.status(SYSTEM_ACTOR, jobId);
    expect(status).toMatchObject({ state: "done", processed: 2500, created: 2500, errors: [] });
    expect(await count("people")).toBe(before + 2500);
    const emails = ((await rt.db("people").where("email", "like", "p1____@example.com").select("email")) as Row[]).map((r) => r.email);
    expect(new Set(emails).size).toBe(emails.length);
    // Undo: every record of both attempts goes to the trash, as one compact run of ids.
    const written = ((await rt.queue.getByKey(`import:${jobId}`))!.result as { written: { created: unknown[] } }).written;
    expect(written.created.length).toBeLessThanOrEqual(3);
    expect(await rt.imports.undo(SYSTEM_ACTOR, jobId)).toEqual({ trashed: 2500, restored: 0 });
    expect(await count("people")).toBe(before);
  }, 120_000);

  it("reads an XLSX upload as a stream", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("x");
    sheet.addRow(["Name", "Email", "Revenue"]);
    for (let i = 0; i < 1200; i++) sheet.addRow([`Sheet ${i}`, `s${i}@example.com`, i]);
    const { status } = await run(new Uint8Array(await workbook.xlsx.writeBuffer()), { mode: "insert" });
    expect(status).toMatchObject({ state: "done", created: 1200, errors: [] });
  }, 60_000);
});
