import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@runtime/auth/actors.server";
import { addUser } from "@runtime/auth/users.server";
import type {
  HomeAgingView,
  HomeDeadJobsView,
  HomeFailedRunsView,
  HomeListView,
  HomeRecentView,
  HomeSumView,
  HomeView,
} from "@runtime/home/home-view";
import type { HomePanel } from "@runtime/home/panels";
import { VIEWS_KEPT } from "@runtime/home/record-views.server";
import { PermanentJobError } from "@runtime/jobs/types";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { testDatabases, type TestDatabase } from "../helpers/databases";

const NOW = new Date("2026-12-05T12:00:00Z");

function workspace(): WorkspaceSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      jobs: {
        type: "object",
        "x-id": "t_jobs",
        title: "Job",
        "x-plural": "Jobs",
        "x-title-field": "subject",
        properties: {
          subject: { type: "string", "x-id": "f_j_subject", "x-kind": "text", title: "Subject", maxLength: 200 },
          due: { type: "string", "x-id": "f_j_due", "x-kind": "datetime", title: "Due" },
          assignee: { type: "integer", "x-id": "f_j_assignee", "x-kind": "relation", title: "Assignee", "x-target": "crm_users" },
          state: { type: "string", "x-id": "f_j_state", "x-kind": "select", title: "State", enum: ["open", "done"] },
        },
        required: ["subject"],
      },
      bills: {
        type: "object",
        "x-id": "t_bills",
        title: "Bill",
        "x-plural": "Bills",
        "x-title-field": "number",
        properties: {
          number: { type: "string", "x-id": "f_b_number", "x-kind": "text", title: "Number", maxLength: 40 },
          due_date: { type: "string", "x-id": "f_b_due", "x-kind": "date", title: "Due date" },
          currency: { type: "string", "x-id": "f_b_currency", "x-kind": "select", title: "Currency", enum: ["EUR", "USD"] },
          open: { type: "number", "x-id": "f_b_open", "x-kind": "money", title: "Open", "x-currency-field": "currency" },
        },
        required: ["number"],
      },
    },
  } as WorkspaceSchema;
}

const PANELS: HomePanel[] = [
  {
    id: "mine",
    kind: "list",
    title: "My jobs",
    table: "jobs",
    filter: {
      and: [
        { field: "assignee", op: "eq", value: "$me" },
        { field: "state", op: "eq", value: "open" },
      ],
    },
    sort: "due",
    columns: ["subject", "due"],
    overdue: { field: "due", before: "$now" },
  },
  {
    id: "aging",
    kind: "aging",
    title: "Open bills by age",
    roles: ["admin", "accountant"],
    table: "bills",
    date: "due_date",
    amount: "open",
  },
  {
    id: "month",
    kind: "sum",
    title: "Due this month",
    // Shown to every role: only the rights on bills keep it from staff.
    table: "bills",
    amount: "open",
    filter: { field: "due_date", op: "between", value: "$thisMonth" },
  },
  { id: "gone", kind: "list", title: "Deals", table: "deals", columns: ["title"] },
  { id: "recent", kind: "recent", title: "Recently opened" },
  // No roles named: administrators only all the same.
  { id: "jobs", kind: "deadJobs", title: "Failed jobs" },
  { id: "runs", kind: "failedRuns", title: "Failed rule runs" },
];

const panel = <T>(view: HomeView, id: string) => view.panels.find((p) => p.id === id) as T | undefined;

describe.each(testDatabases)("home panels on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let staff: Actor;
  let accountant: Actor;
  let admin: Actor;

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({
      databaseUrl: database.url,
      seed: {
        configuration: {
          schema: workspace(),
          layouts: [],
          views: [],
          templates: [],
          // Staff may not read bills at all.
          roleRights: { staff: { t_bills: { read: false, create: false, update: false, delete: false, print: false, scope: "all" } } },
          home: PANELS,
        },
      },
    });
    const [s, a, d] = await Promise.all([
      addUser(rt.db, { name: "Sam Staff", email: "sam@example.com", role: "staff" }),
      addUser(rt.db, { name: "Ada Accountant", email: "ada@example.com", role: "accountant" }),
      addUser(rt.db, { name: "Dee Admin", email: "dee@example.com", role: "admin" }),
    ]);
    [staff, accountant, admin] = await Promise.all([actorForUser(rt.db, s), actorForUser(rt.db, a), actorForUser(rt.db, d)]);
    const jobs: [string, string | null, number, string][] = [
      ["Later", "2026-12-09T09:00:00Z", s.id, "open"],
      ["No date", null, s.id, "open"],
      ["Long overdue", "2026-11-01T09:00:00Z", s.id, "open"],
      ["Overdue this morning", "2026-12-05T08:00:00Z", s.id, "open"],
      ["Done already", "2026-10-01T09:00:00Z", s.id, "done"],
      ["Someone else's", "2026-10-01T09:00:00Z", a.id, "open"],
    ];
    for (const [subject, due, assignee, state] of jobs) await rt.records.create(SYSTEM_ACTOR, "jobs", { subject, due, assignee, state });
    const bills: [string, string | null, string, number][] = [
      ["B-current", "2026-12-05", "EUR", 100],
      ["B-1", "2026-12-04", "EUR", 10],
      ["B-30", "2026-11-05", "EUR", 20],
      ["B-31", "2026-11-04", "EUR", 40],
      ["B-60", "2026-10-06", "USD", 50],
      ["B-61", "2026-10-05", "EUR", 80],
      ["B-90", "2026-09-06", "EUR", 160],
      ["B-91", "2026-09-05", "EUR", 320],
      ["B-old", "2025-01-01", "USD", 640],
      ["B-undated", null, "EUR", 1280],
    ];
    for (const [number, due_date, currency, open] of bills)
      await rt.records.create(SYSTEM_ACTOR, "bills", { number, due_date, currency, open });
  });
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("lists the person's open records, overdue first and undated last, each overdue one marked", async () => {
    const mine = panel<HomeListView>(await rt.home.view(staff, NOW), "mine")!;
    expect(mine.rows.map((r) => r.cells[0].text)).toEqual(["Long overdue", "Overdue this morning", "Later", "No date"]);
    expect(mine.rows.map((r) => r.overdue)).toEqual([true, true, false, false]);
    expect(mine.total).toBe(4);
    expect(mine.rows[0].href).toMatch(/^\/t\/jobs\/\d+$/);
    // "See all" opens the list on the same records, the tokens resolved.
    expect(new URL(mine.link, "http://x").searchParams.get("f")).toBe(
      JSON.stringify([
        ["assignee", "eq", staff.id],
        ["state", "eq", "open"],
      ]),
    );
    // Someone else's open job is theirs, not Sam's.
    const theirs = panel<HomeListView>(await rt.home.view(accountant, NOW), "mine")!;
    expect(theirs.rows.map((r) => r.cells[0].text)).toEqual(["Someone else's"]);
  });

  it("buckets open amounts by days past their date, summed per currency", async () => {
    const aging = panel<HomeAgingView>(await rt.home.view(accountant, NOW), "aging")!;
    const byBucket = Object.fromEntries(
      aging.buckets.map((b) => [b.key, { count: b.count, amounts: Object.fromEntries(b.amounts.map((a) => [a.currency, a.amount])) }]),
    );
    expect(byBucket).toEqual({
      current: { count: 1, amounts: { EUR: 100 } },
      "1-30": { count: 2, amounts: { EUR: 30 } },
      "31-60": { count: 2, amounts: { EUR: 40, USD: 50 } },
      "61-90": { count: 2, amounts: { EUR: 240 } },
      "90+": { count: 2, amounts: { EUR: 320, USD: 640 } },
    });
    expect(aging.total.count).toBe(9);
    expect(aging.total.amounts.find((a) => a.currency === "EUR")?.text).toBe("€730.00");
  });

  it("sums a month with the relative date tokens", async () => {
    const month = panel<HomeSumView>(await rt.home.view(accountant, NOW), "month")!;
    expect(month.count).toBe(2);
    expect(month.amounts).toEqual([{ currency: "EUR", amount: 110, text: "€110.00" }]);
  });

  it("gives a role without rights on a table none of its panels", async () => {
    const view = await rt.home.view(staff, NOW);
    expect(view.panels.map((p) => p.id)).toEqual(["mine", "recent"]);
    expect(view.notes).toEqual([]);
    // The same role with read rights on bills would see it: rights, not the panel, decided.
    const reading = { ...staff, rights: accountant.rights };
    expect((await rt.home.view(reading, NOW)).panels.map((p) => p.id)).toEqual(["mine", "month", "recent"]);
    // Asked for by role as well: the accountant's rights would do, the role list decides.
    const asStaffRole = await rt.home.view({ ...accountant, role: "staff" }, NOW);
    expect(asStaffRole.panels.map((p) => p.id)).not.toContain("aging");
  });

  it("leaves out a panel whose table is gone, telling admins only", async () => {
    const forAdmin = await rt.home.view(admin, NOW);
    expect(forAdmin.panels.map((p) => p.id)).toEqual(["mine", "aging", "month", "recent", "jobs", "runs"]);
    expect(forAdmin.notes).toEqual([`The home panel "Deals" is left out: the table "deals" is gone.`]);
    expect((await rt.home.view(staff, NOW)).notes).toEqual([]);
  });

  it("shows recently opened records newest first, dropping deleted and forbidden ones", async () => {
    const { rows: jobs } = await rt.records.list(SYSTEM_ACTOR, "jobs", { sort: "id" });
    const { rows: bills } = await rt.records.list(SYSTEM_ACTOR, "bills", { sort: "id" });
    await rt.home.recordOpened(staff, "jobs", jobs[0].id);
    await rt.home.recordOpened(staff, "bills", bills[0].id); // staff may not read bills
    await rt.home.recordOpened(staff, "jobs", jobs[1].id);
    await rt.home.recordOpened(staff, "jobs", jobs[2].id);
    await rt.home.recordOpened(staff, "jobs", jobs[0].id); // opened again: on top, once
    await rt.records.remove(SYSTEM_ACTOR, "jobs", jobs[2].id);
    const recent = panel<HomeRecentView>(await rt.home.view(staff, NOW), "recent")!;
    expect(recent.rows).toEqual([
      { table: "Job", title: "Later", href: `/t/jobs/${jobs[0].id}` },
      { table: "Job", title: "No date", href: `/t/jobs/${jobs[1].id}` },
    ]);
    // Another person's views are their own.
    expect(panel<HomeRecentView>(await rt.home.view(accountant, NOW), "recent")!.rows).toEqual([]);
  });

  it("shows administrators the background jobs that gave up, and no one else", async () => {
    await rt.queue.enqueue({ type: "home.test", payload: {}, maxAttempts: 1 });
    await rt.queue.runUntilIdle({
      "home.test": async () => {
        throw new PermanentJobError("the printer caught fire");
      },
    });
    const jobs = panel<HomeDeadJobsView>(await rt.home.view(admin, new Date()), "jobs")!;
    expect(jobs.rows).toEqual([expect.objectContaining({ type: "home.test", error: "the printer caught fire" })]);
    expect(jobs.rows[0].atText).not.toBe("");
    expect(panel(await rt.home.view(accountant, NOW), "jobs")).toBeUndefined();
    // A week later it is history.
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(panel<HomeDeadJobsView>(await rt.home.view(admin, later), "jobs")!.rows).toEqual([]);
  });

  it("shows administrators failed rule runs by rule name, linking to the record", async () => {
    const { rows } = await rt.records.list(SYSTEM_ACTOR, "jobs", { sort: "id", pageSize: 1 });
    const rule = await rt.automation.rules.create(admin, {
      name: "Close it wrongly",
      enabled: true,
      table: "jobs",
      trigger: { type: "manual", label: "Close" },
      // Only a run can tell: the subject is no state.
      actions: [{ type: "update", values: { state: "{{ record.subject }}" } }],
    });
    await rt.automation.runManual(admin, rule.id, rows[0].id).catch(() => null);
    const runs = panel<HomeFailedRunsView>(await rt.home.view(admin, NOW), "runs")!;
    expect(runs.rows).toEqual([
      expect.objectContaining({ rule: "Close it wrongly", record: `Job #${rows[0].id}`, href: `/t/jobs/${rows[0].id}` }),
    ]);
    expect(runs.rows[0].error).not.toBe("");
    expect(panel(await rt.home.view(accountant, NOW), "runs")).toBeUndefined();
  });

  it("keeps the last views per person only", async () => {
    const { rows: bills } = await rt.records.list(SYSTEM_ACTOR, "bills", { sort: "id" });
    for (let i = 0; i < VIEWS_KEPT + 5; i++) await rt.home.recordOpened(accountant, "bills", bills[i % bills.length].id);
    for (let i = 0; i < VIEWS_KEPT + 5; i++) await rt.home.recordOpened(admin, "bills", 100_000 + i);
    expect(await rt.db("crm_record_views").where({ user_id: admin.id }).count({ n: "*" })).toEqual([{ n: VIEWS_KEPT }]);
    const recent = panel<HomeRecentView>(await rt.home.view(accountant, NOW), "recent")!;
    expect(recent.rows.length).toBe(8); // the panel's default limit
    expect(recent.rows[0].title).toBe(bills[(VIEWS_KEPT + 4) % bills.length].number);
  });
});
