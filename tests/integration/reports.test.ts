import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@runtime/auth/actors.server";
import { saveRole } from "@runtime/auth/roles.server";
import { addUser } from "@runtime/auth/users.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { createTranslator } from "@runtime/i18n/translator";
import { sayError } from "@runtime/i18n/words";
import { dashboardDocument } from "@runtime/reports/dashboard-print";
import { createReportsService, type ReportsService } from "@runtime/reports/reports.server";
import { parseListParams } from "@runtime/views/list-params";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { apiStatus } from "../helpers/api-status";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { withFieldRenamed } from "../helpers/schema-edits";

/**
 * Reports against a plain TypeScript count of the same rows: every figure of a random report over
 * random invoices equals the one computed here from all of them, on both databases, in time
 * zones with and without summer time and with a half-hour offset.
 */

function salesWorkspace(): WorkspaceSchema {
  const id = (k: string) => ({ "x-id": `f_${k}` });
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      clients: {
        type: "object",
        "x-id": "t_clients",
        title: "Client",
        "x-plural": "Clients",
        "x-title-field": "name",
        "x-owner-field": "owner",
        properties: {
          name: { type: "string", ...id("c_name"), "x-kind": "text", title: "Name", maxLength: 100 },
          country: { type: "string", ...id("c_country"), "x-kind": "select", title: "Country", enum: ["SE", "CN", "AM", "MW"] },
          owner: { type: "integer", ...id("c_owner"), "x-kind": "relation", title: "Owner", "x-target": "crm_users" },
        },
        required: ["name"],
      },
      invoices: {
        type: "object",
        "x-id": "t_invoices",
        title: "Invoice",
        "x-plural": "Invoices",
        "x-title-field": "ref",
        "x-owner-field": "owner",
        properties: {
          ref: { type: "string", ...id("i_ref"), "x-kind": "text", title: "Ref", maxLength: 40 },
          client: { type: "integer", ...id("i_client"), "x-kind": "relation", title: "Client", "x-target": "clients" },
          status: { type: "string", ...id("i_status"), "x-kind": "select", title: "Status", enum: ["draft", "issued", "paid"] },
          issued_on: { type: "string", ...id("i_issued"), "x-kind": "date", title: "Issued on", "x-indexed": true },
          paid_at: { type: "string", ...id("i_paid"), "x-kind": "datetime", title: "Paid at" },
          total: { type: "number", ...id("i_total"), "x-kind": "money", title: "Total", "x-currency-field": "currency" },
          currency: { type: "string", ...id("i_currency"), "x-kind": "select", title: "Currency", enum: ["EUR", "USD"] },
          qty: { type: "integer", ...id("i_qty"), "x-kind": "integer", title: "Quantity" },
          secret: { type: "number", ...id("i_secret"), "x-kind": "decimal", title: "Margin" },
          owner: { type: "integer", ...id("i_owner"), "x-kind": "relation", title: "Owner", "x-target": "crm_users" },
        },
        required: ["ref"],
      },
    },
  } as WorkspaceSchema;
}

interface Invoice {
  ref: string;
  client: number | null;
  status: string | null;
  issued_on: string | null;
  paid_at: string | null;
  total: number | null;
  currency: string | null;
  qty: number | null;
  secret: number;
  owner: number;
}

/** A small deterministic generator: the same rows every run, spread over year, quarter and month edges. */
function rowsOf(seed: number, clients: number[], owners: number[]): Invoice[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const edges = ["2025-12-31", "2026-01-01", "2026-03-31", "2026-04-01", "2026-06-30", "2026-07-01", "2026-12-31", "2026-02-28"];
  const out: Invoice[] = [];
  for (let i = 0; i < 120; i++) {
    const day =
      next() < 0.4
        ? pick(edges)
        : `2026-${String(1 + Math.floor(next() * 12)).padStart(2, "0")}-${String(1 + Math.floor(next() * 28)).padStart(2, "0")}`;
    // Instants near midnight UTC, so Stockholm, Kolkata and UTC put them on different days.
    const hour = pick(["22:10", "23:40", "00:20", "01:50", "12:00"]);
    out.push({
      ref: `INV-${i}`,
      client: next() < 0.1 ? null : pick(clients),
      status: next() < 0.1 ? null : pick(["draft", "issued", "paid"]),
      issued_on: next() < 0.05 ? null : day,
      paid_at: next() < 0.2 ? null : `${day}T${hour}:00.000Z`,
      total: next() < 0.05 ? null : Math.round(next() * 100000) / 100,
      currency: pick(["EUR", "USD"]),
      qty: next() < 0.1 ? null : Math.floor(next() * 50),
      secret: Math.round(next() * 1000) / 10,
      owner: pick(owners),
    });
  }
  return out;
}

type Bucket = "day" | "week" | "month" | "quarter" | "year";

/** The reference: buckets by plain Date arithmetic, independent of the runtime's own. */
function bucketOf(day: string, bucket: Bucket): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (bucket === "day") return day;
  if (bucket === "month") return day.slice(0, 7);
  if (bucket === "year") return day.slice(0, 4);
  if (bucket === "quarter") return `${day.slice(0, 4)}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

function localDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}

interface Grouping {
  field: "status" | "client" | "client.country" | "issued_on" | "paid_at" | "currency" | "owner";
  bucket?: Bucket;
}

const close = (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? Math.abs(a - b) < 1e-6 : a === b);

describe.each(testDatabases)("reports on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let seller: Actor; // own invoices and clients only, the margin hidden
  let sellerId: number;
  let invoices: Invoice[];
  const countries = new Map<number, string | null>();
  const clientOwner = new Map<number, number>();
  const clientName = new Map<number, string>();

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({
      databaseUrl: database.url,
      seed: { configuration: { schema: salesWorkspace(), layouts: [], views: [], templates: [], roleRights: {} } },
    });
    await saveRole(rt.db, {
      key: "seller",
      name: "Seller",
      tables: {
        t_invoices: {
          read: true,
          create: false,
          update: false,
          delete: false,
          print: false,
          scope: "own",
          fields: { f_i_secret: "hidden" },
        },
        t_clients: { read: true, create: false, update: false, delete: false, print: false, scope: "own" },
      },
    });
    const sam = await addUser(rt.db, { name: "Sam", email: "sam@example.com", role: "seller" });
    const olga = await addUser(rt.db, { name: "Olga", email: "olga@example.com", role: "seller" });
    sellerId = sam.id;
    seller = await actorForUser(rt.db, sam);
    const clients: number[] = [];
    const specs: [string, string | null, number][] = [
      ["北京科技有限公司", "CN", sam.id],
      ["Nordic AB", "SE", olga.id],
      ["Yerevan LLC", "AM", sam.id],
      ["Lilongwe Ltd", "MW", olga.id],
      ["Stateless", null, sam.id],
    ];
    for (const [name, country, owner] of specs) {
      const c = await rt.records.create(SYSTEM_ACTOR, "clients", { name, ...(country ? { country } : {}), owner });
      clients.push(c.id);
      countries.set(c.id, country);
      clientOwner.set(c.id, owner);
      clientName.set(c.id, name);
    }
    invoices = rowsOf(7, clients, [sam.id, olga.id]);
    for (const inv of invoices)
      await rt.records.create(SYSTEM_ACTOR, "invoices", Object.fromEntries(Object.entries(inv).filter(([, v]) => v !== null)), {
        readBack: false,
      });
  });
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  const service = (timeZone: string, split = false): ReportsService =>
    createReportsService({
      db: rt.db,
      workspace: rt.workspace,
      timeZone,
      now: () => new Date("2026-12-04T10:00:00Z"),
      // On MariaDB, read the groups in two halves as over a large table (RunOptions.parallelAboveRows).
      ...(split ? { parallelAboveRows: 0 } : {}),
    });

  /** The expected rows of a report, from all invoices the actor may read, keyed like the report's rows. */
  function expected(groups: Grouping[], measure: { op: string; field?: "total" | "qty" }, timeZone: string, actor: Actor | null) {
    const money = measure.field === "total";
    const out = new Map<string, { values: number[]; count: number; min: number | null; max: number | null }>();
    for (const inv of invoices) {
      if (actor && inv.owner !== sellerId) continue;
      const keys = groups.map((g) => {
        if (g.field === "client.country") {
          if (inv.client === null) return null;
          // A client outside the seller's scope groups as none.
          if (actor && clientOwner.get(inv.client) !== sellerId) return null;
          return countries.get(inv.client) ?? null;
        }
        if (g.field === "issued_on") return inv.issued_on === null ? null : g.bucket ? bucketOf(inv.issued_on, g.bucket) : inv.issued_on;
        if (g.field === "paid_at") return inv.paid_at === null ? null : bucketOf(localDay(inv.paid_at, timeZone), g.bucket ?? "day");
        return inv[g.field];
      });
      if (money) keys.push(inv.currency);
      const key = JSON.stringify(keys);
      const at = out.get(key) ?? { values: [], count: 0, min: null, max: null };
      at.count++;
      const v = measure.field ? inv[measure.field] : null;
      if (v !== null) at.values.push(v);
      out.set(key, at);
    }
    const result = new Map<string, number | null>();
    for (const [key, at] of out) {
      const sum = at.values.reduce((a, b) => a + b, 0);
      const figure =
        measure.op === "count"
          ? at.count
          : at.values.length === 0
            ? null
            : measure.op === "sum"
              ? sum
              : measure.op === "avg"
                ? sum / at.values.length
                : measure.op === "min"
                  ? Math.min(...at.values)
                  : Math.max(...at.values);
      result.set(key, figure);
    }
    return result;
  }

  it("every figure of a random report equals the same figure counted from all rows", async () => {
    const grouping = fc.oneof(
      fc.constant<Grouping>({ field: "status" }),
      fc.constant<Grouping>({ field: "client.country" }),
      fc.constant<Grouping>({ field: "currency" }),
      fc.record<Grouping>({ field: fc.constant("issued_on"), bucket: fc.constantFrom<Bucket>("day", "week", "month", "quarter", "year") }),
      fc.record<Grouping>({ field: fc.constant("paid_at"), bucket: fc.constantFrom<Bucket>("day", "week", "month", "quarter", "year") }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(grouping, { minLength: 0, maxLength: 2, selector: (g) => g.field }),
        fc.oneof(
          fc.constant({ op: "count" }),
          fc.record({ op: fc.constantFrom("sum", "avg", "min", "max"), field: fc.constantFrom<"total" | "qty">("total", "qty") }),
        ),
        fc.constantFrom("UTC", "Europe/Stockholm", "Asia/Kolkata"),
        fc.boolean(),
        fc.boolean(),
        async (groups, measure, timeZone, asSeller, split) => {
          const actor = asSeller ? seller : SYSTEM_ACTOR;
          const result = await service(timeZone, split).run(actor, { table: "invoices", groupBy: groups, measures: [measure] });
          const want = expected(groups, measure, timeZone, asSeller ? seller : null);
          const groupKeys = (row: unknown[]) => {
            const keys: unknown[] = [];
            result.columns.forEach((c, i) => {
              if (c.role === "measure") return;
              keys.push(row[i]);
            });
            return keys;
          };
          const got = new Map(result.rows.map((r) => [JSON.stringify(groupKeys(r)), r[r.length - 1]]));
          expect(got.size).toBe(want.size);
          for (const [key, figure] of want) {
            expect(got.has(key), `group ${key} in ${JSON.stringify(groups)} ${timeZone}`).toBe(true);
            expect(close(got.get(key), figure), `${key}: ${String(got.get(key))} ≠ ${String(figure)}`).toBe(true);
          }
        },
      ),
      { numRuns: 40, seed: 20261206 },
    );
  });

  it("sums money per currency, never across them", async () => {
    const result = await service("UTC").run(SYSTEM_ACTOR, { table: "invoices", groupBy: [], measures: [{ op: "sum", field: "total" }] });
    expect(result.columns.map((c) => c.key)).toEqual(["currency:currency", "sum:total"]);
    expect(result.rows.map((r) => r[0]).sort()).toEqual(["EUR", "USD"]);
    expect(result.columns[1]).toMatchObject({ money: true, currencyKey: "currency:currency" });
  });

  it("names relation groups by title, sorts, limits and says when rows were cut", async () => {
    const result = await service("UTC").run(SYSTEM_ACTOR, {
      table: "invoices",
      groupBy: [{ field: "client" }],
      measures: [{ op: "count" }],
      sort: ["-count"],
      limit: 2,
    });
    expect(result.rows).toHaveLength(2);
    expect(result.truncated).toBe(true);
    const counts = new Map<string, number>();
    for (const inv of invoices)
      if (inv.client !== null) counts.set(clientName.get(inv.client)!, (counts.get(clientName.get(inv.client)!) ?? 0) + 1);
    const top = [...counts.values()].sort((a, b) => b - a);
    expect(result.rows.map((r) => r[1])).toEqual(top.slice(0, 2));
    expect([...counts.keys()]).toContain(result.rows[0][0]);
  });

  it("ages receivables into current, 1–30, 31–60, 61–90 and 90+ days, in that order", async () => {
    const result = await service("UTC").run(SYSTEM_ACTOR, {
      table: "invoices",
      groupBy: [{ field: "issued_on", bucket: "aging" }],
      measures: [{ op: "count" }],
      filter: { field: "issued_on", op: "notEmpty" },
    });
    const today = "2026-12-04";
    const daysLate = (d: string) => Math.round((Date.parse(today) - Date.parse(d)) / 86_400_000);
    const bucket = (d: string) => {
      const late = daysLate(d);
      return late <= 0 ? "Current" : late <= 30 ? "1–30 days" : late <= 60 ? "31–60 days" : late <= 90 ? "61–90 days" : "90+ days";
    };
    const want = new Map<string, number>();
    for (const inv of invoices) if (inv.issued_on) want.set(bucket(inv.issued_on), (want.get(bucket(inv.issued_on)) ?? 0) + 1);
    const order = ["Current", "1–30 days", "31–60 days", "61–90 days", "90+ days"].filter((b) => want.has(b));
    expect(result.rows.map((r) => r[0])).toEqual(order);
    expect(result.rows.map((r) => r[1])).toEqual(order.map((b) => want.get(b)));
  });

  it("links each row to the list of its records, and the list shows exactly them", async () => {
    const result = await service("Europe/Stockholm").run(SYSTEM_ACTOR, {
      table: "invoices",
      groupBy: [{ field: "client.country" }, { field: "paid_at", bucket: "quarter" }],
      measures: [{ op: "count" }],
      filter: { field: "status", op: "eq", value: "paid" },
    });
    expect(result.rows.length).toBeGreaterThan(0);
    for (const [i, row] of result.rows.entries()) {
      const link = result.links[i];
      if (row[0] === null) {
        expect(link).toBeNull();
        continue;
      }
      expect(link).toMatch(/^\/t\/invoices\?/);
      const { params } = parseListParams(new URL(link!, "http://x").searchParams);
      const filter = { and: (params.conditions ?? []).map((c) => ({ field: c.field, op: c.op, value: c.value })) };
      const listed = await rt.records.list(SYSTEM_ACTOR, "invoices", { filter, pageSize: 1 });
      expect(listed.total, `${String(row[0])} ${String(row[1])}`).toBe(row[2]);
    }
  });

  it("a seller's sums cover only the rows they may read, and hidden fields cannot be summed or grouped", async () => {
    const all = await service("UTC").run(SYSTEM_ACTOR, { table: "invoices", groupBy: [], measures: [{ op: "count" }] });
    const own = await service("UTC").run(seller, { table: "invoices", groupBy: [], measures: [{ op: "count" }] });
    expect(all.rows[0][0]).toBe(invoices.length);
    expect(own.rows[0][0]).toBe(invoices.filter((i) => i.owner === sellerId).length);
    expect(
      await apiStatus(service("UTC").run(seller, { table: "invoices", groupBy: [], measures: [{ op: "sum", field: "secret" }] })),
    ).toBe(403);
    expect(
      await apiStatus(
        service("UTC").run(seller, {
          table: "invoices",
          groupBy: [],
          measures: [{ op: "count" }],
          filter: { field: "secret", op: "gt", value: 1 },
        }),
      ),
    ).toBe(403);
  });

  it("refuses what is not a report with a message that says how to fix it", async () => {
    const bad = async (spec: unknown) => {
      try {
        await service("UTC").run(SYSTEM_ACTOR, spec);
      } catch (error) {
        return (error as Error).message;
      }
      return "accepted";
    };
    expect(await bad({ table: "nope" })).toMatch(/table must name a table/);
    expect(await bad({ table: "invoices", groupBy: [{ field: "ref.x" }] })).toMatch(/not a relation/);
    expect(await bad({ table: "invoices", groupBy: [{ field: "status", bucket: "month" }] })).toMatch(/not a date/);
    expect(await bad({ table: "invoices", measures: [{ op: "sum", field: "status" }] })).toMatch(/number or money field/);
    expect(await bad({ table: "invoices", groupBy: [{ field: "paid_at", bucket: "aging" }] })).toMatch(/aging needs a date field/);
    expect(await bad({ table: "invoices", sort: ["-nope"] })).toMatch(/not a column of this report/);
    expect(await bad({ table: "invoices", limit: 0 })).toMatch(/limit must be/);
  });

  it("saves reports for their owner, shares them with roles, and only the owner or an admin changes them", async () => {
    const spec = { table: "invoices", groupBy: [{ field: "status" }], measures: [{ op: "count" }] };
    const mine = await rt.reports.create(seller, { name: "My statuses", spec, chart: "pie" });
    expect(mine).toMatchObject({ name: "My statuses", chart: "pie", ownerId: sellerId, editable: true, roles: [] });
    expect(await apiStatus(rt.reports.create(seller, { name: "Shared", spec, roles: ["seller"] }))).toBe(403);
    const shared = await rt.reports.create(await adminActor(), {
      name: "Team statuses",
      spec,
      roles: ["seller"],
    });
    const seen = await rt.reports.list(seller);
    expect(seen.map((r) => r.name)).toEqual(expect.arrayContaining(["My statuses", "Team statuses"]));
    expect(seen.find((r) => r.name === "Team statuses")!.editable).toBe(false);
    expect(await apiStatus(rt.reports.update(seller, shared.id, { name: "Mine now", spec }))).toBe(403);
    expect(await apiStatus(rt.reports.remove(seller, shared.id))).toBe(403);
    expect(await apiStatus(rt.reports.create(seller, { name: "Broken", spec: { table: "invoices", groupBy: [{ field: "nope" }] } }))).toBe(
      400,
    );
    await rt.reports.remove(seller, mine.id);
    expect(await apiStatus(rt.reports.get(seller, mine.id))).toBe(404);
  });

  it("shows a role its dashboard, each widget run as the viewer, and prints it", async () => {
    const admin = await adminActor();
    const spec = { table: "invoices", groupBy: [{ field: "status" }], measures: [{ op: "count" }] };
    const shared = await rt.reports.create(admin, { name: "Statuses <b>all</b>", spec, chart: "bar", roles: ["seller"] });
    const private_ = await rt.reports.create(admin, { name: "Admin only", spec, chart: "table" });
    const board = await rt.dashboards.create(admin, {
      name: "Sellers",
      roles: ["seller"],
      widgets: [
        { report: shared.id, size: "full" },
        { report: private_.id, size: "half" },
      ],
    });
    expect(await apiStatus(rt.dashboards.create(seller, { name: "Mine", roles: [], widgets: [] }))).toBe(403);
    expect(await apiStatus(rt.dashboards.update(seller, board.id, { name: "Taken", roles: ["seller"], widgets: [] }))).toBe(403);
    expect(await apiStatus(rt.dashboards.remove(seller, board.id))).toBe(403);
    expect(await apiStatus(rt.dashboards.create(admin, { name: "Bad", widgets: [{ report: 999999, size: "half" }] }))).toBe(404);
    expect(await apiStatus(rt.dashboards.create(admin, { name: "Bad", widgets: [{ report: shared.id, size: "huge" }] }))).toBe(400);

    expect((await rt.dashboards.forHome(seller))?.id).toBe(board.id);
    const views = await rt.dashboards.view(seller, await rt.dashboards.get(seller, board.id));
    const counted = views[0].result!.rows.reduce((n, r) => n + Number(r[1]), 0);
    expect(counted).toBe(invoices.filter((i) => i.owner === sellerId).length);
    expect(views[1]).toMatchObject({ report: null, result: null, problem: expect.stringMatching(/not shared with you/) });

    const doc = dashboardDocument(board, views, "2026-12-04 10:00 UTC");
    expect(doc.html).toContain("Statuses &lt;b&gt;all&lt;/b&gt;");
    expect(doc.html).not.toContain("<b>all</b>");
    const pdf = await rt.print.renderPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("reads in its reader's language: tables, fields, options, measures and aging buckets", async () => {
    const { version, schema } = await rt.workspace.current();
    const status = schema.$defs.invoices.properties.status;
    const translated = structuredClone(schema);
    translated.$defs.invoices.properties.status = {
      ...status,
      "x-translations": { sv: { title: "Läge", "x-labels": { draft: "Utkast", issued: "Skickad", paid: "Betald" } } },
    };
    await rt.workspace.apply({ baseVersion: version, schema: translated });
    const translator = createTranslator(languagePack("sv"));
    const reader = { language: "sv", locale: "sv-SE", t: (key: string, values?: Record<string, unknown>) => translator.t(key, values) };
    const spec = {
      table: "invoices",
      groupBy: [{ field: "status" }, { field: "issued_on", bucket: "aging" }],
      measures: [{ op: "count" }, { op: "sum", field: "total" }],
    };
    const english = await rt.reports.run(SYSTEM_ACTOR, spec);
    const swedish = await rt.reports.run(SYSTEM_ACTOR, spec, reader);
    expect(english.columns.map((c) => c.label)).toEqual(["Status", "Issued on (days overdue)", "Currency", "Count", "Sum of Total"]);
    expect(swedish.columns.map((c) => c.label)).toEqual(["Läge", "Issued on (dagar försenad)", "Currency", "Antal", "Summa Total"]);
    const inSwedish: Record<string, string> = { draft: "Utkast", issued: "Skickad", paid: "Betald" };
    expect(swedish.rows.map((r) => r[0])).toEqual(english.rows.map((r) => (r[0] === null ? null : inSwedish[String(r[0])])));
    const aging: Record<string, string> = { Current: "Ej förfallet", "1–30 days": "1–30 dagar", "90+ days": "90+ dagar" };
    expect(swedish.rows.map((r) => r[1])).toEqual(
      english.rows.map((r) => (r[1] === null ? null : (aging[String(r[1])] ?? String(r[1]).replace("days", "dagar")))),
    );
    // The same figures and drill-down lists: only the words differ.
    expect(swedish.rows.map((r) => r.slice(2))).toEqual(english.rows.map((r) => r.slice(2)));
    expect(swedish.links).toEqual(english.links);
    // A refusal is said in the reader's words too, naming the field as the reader reads it.
    const refused = await rt.reports
      .run(SYSTEM_ACTOR, { table: "invoices", groupBy: [{ field: "status", bucket: "month" }] }, reader)
      .catch((e: unknown) => e);
    expect((refused as Error).message).toBe("Läge is not a date: only dates are grouped by month");
    expect(sayError(refused, reader.t)).toBe("Läge är inget datum: bara datum grupperas per month");
  });

  it("a saved report follows renamed fields, through a relation, in its filter and sort", async () => {
    const admin = await adminActor();
    const spec = {
      table: "invoices",
      groupBy: [{ field: "client.country" }, { field: "issued_on", bucket: "quarter" }],
      measures: [{ op: "sum", field: "total" }],
      filter: { field: "issued_on", op: "notEmpty" },
      sort: ["-sum:total", "issued_on:quarter"],
    };
    const saved = await rt.reports.create(admin, { name: "Renamed later", spec });
    const before = await rt.reports.run(admin, spec);
    const { version, schema } = await rt.workspace.current();
    let next = withFieldRenamed(schema, "invoices", "issued_on", "billed_on");
    next = withFieldRenamed(next, "invoices", "total", "grand_total");
    next = withFieldRenamed(next, "clients", "country", "nation");
    await rt.workspace.apply({ baseVersion: version, schema: next });

    const after = await rt.reports.get(admin, saved.id);
    expect(after.spec).toEqual({
      table: "invoices",
      groupBy: [{ field: "client.nation" }, { field: "billed_on", bucket: "quarter" }],
      measures: [{ op: "sum", field: "grand_total" }],
      filter: { field: "billed_on", op: "notEmpty" },
      sort: ["-sum:grand_total", "billed_on:quarter"],
    });
    expect((await rt.reports.run(admin, after.spec)).rows).toEqual(before.rows);
  });

  async function adminActor(): Promise<Actor> {
    const admin = await addUser(rt.db, { name: "Ada", email: `ada-${Date.now()}@example.com`, role: "admin" });
    return actorForUser(rt.db, admin);
  }
});
