import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFunnelPage } from "@runtime/views/funnel-page.server";
import { listAudit } from "@runtime/auth/audit.server";
import { actorForUser } from "@runtime/auth/actors.server";
import { addUser, getUser } from "@runtime/auth/users.server";
import { SYSTEM_TABLES } from "@runtime/db/system-tables.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { createSeededRuntime } from "../helpers/default-configuration";
import { testDatabases, type TestDatabase } from "../helpers/databases";

type Row = Record<string, unknown> & { id: number; version: number };

/**
 * The default configuration's business rules (issue 15) on its real schema and demo data, on each
 * database, with a clock the test moves: stock and reorders, lead routing, contract renewals,
 * case routing and escalation, approval of large invoices.
 */
describe.each(testDatabases)("default business rules on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let clock = new Date("2027-01-04T09:00:00.000Z");
  let anna: Actor;
  let ben: Actor;
  let chloe: Actor;
  let dara: Actor;
  let eve: Actor;

  const at = (iso: string) => (clock = new Date(iso));
  const drain = () => rt.queue.runUntilIdle(rt.jobHandlers);
  const create = async (table: string, values: Record<string, unknown>, actor: Actor = SYSTEM_ACTOR) =>
    (await rt.records.create(actor, table, values)) as Row;
  const get = async (table: string, id: number) => (await rt.records.get(SYSTEM_ACTOR, table, id)) as Row;
  const update = async (table: string, id: number, changes: Record<string, unknown>, actor: Actor = SYSTEM_ACTOR) =>
    (await rt.records.update(actor, table, id, changes, (await get(table, id)).version)) as Row;
  const list = async (table: string, filter: unknown, sort?: string) =>
    (await rt.records.list(SYSTEM_ACTOR, table, { filter, sort, pageSize: 200 })).rows as Row[];
  const titlesOf = async (user: Actor) => (await rt.automation.notifications.list(user.id!, { limit: 200 })).rows.map((r) => r.title);
  const actorByEmail = async (email: string) => {
    const row = (await rt.db(SYSTEM_TABLES.users).where({ email }).first("id")) as { id: number };
    return actorForUser(rt.db, await getUser(rt.db, Number(row.id)));
  };
  async function staff(name: string, supervisor: Actor): Promise<Actor> {
    const created = await addUser(rt.db, { name, email: `${name.toLowerCase()}@tessera-demo.ie`, role: "staff" });
    await rt.db(SYSTEM_TABLES.users).where({ id: created.id }).update({ supervisor_id: supervisor.id });
    return actorForUser(rt.db, await getUser(rt.db, created.id));
  }

  beforeAll(async () => {
    database = await kind.create();
    rt = await createSeededRuntime(database.url, { jobs: { now: () => clock } });
    anna = await actorByEmail("anna@tessera-demo.ie");
    ben = await actorByEmail("ben@tessera-demo.ie");
    chloe = await actorByEmail("chloe@tessera-demo.ie");
    dara = await staff("Dara", anna);
    eve = await staff("Eve", anna);
  }, 120_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("lower the stock of stocked products when an invoice is issued, and reorder on one draft per supplier", async () => {
    at("2027-01-04T09:00:00.000Z");
    const supplier = await create("suppliers", { name: "Bolt Wholesale" });
    const bolts = await create("products", {
      kind: "product",
      name: "Bolts",
      unit: "pcs",
      stock: 10,
      reorder_level: 5,
      supplier: supplier.id,
      cost: 2,
    });
    const nuts = await create("products", {
      kind: "product",
      name: "Nuts",
      unit: "pcs",
      stock: 6,
      reorder_level: 5,
      supplier: supplier.id,
      cost: 1.5,
    });
    const advice = await create("products", { kind: "service", name: "Advice", unit: "h" });
    const client = await create("clients", { kind: "company", name: "Stock Buyers Ltd", status: "active" });
    const line = (product: Row, quantity: number) => ({ product: product.id, description: String(product.name), quantity, price: 10 });
    const invoice = await create("invoices", {
      client: client.id,
      date: "2027-01-04",
      status: "draft",
      currency: "EUR",
      items: [line(bolts, 7), line(nuts, 2), line(advice, 3)],
    });
    await drain();
    // A draft changes nothing.
    expect((await get("products", bolts.id)).stock).toBe(10);

    await update("invoices", invoice.id, { status: "issued" });
    await drain();
    expect([(await get("products", bolts.id)).stock, (await get("products", nuts.id)).stock]).toEqual([3, 4]);
    expect((await get("products", advice.id)).stock).toBeNull();
    const orders = await list("purchase_orders", { field: "supplier", op: "eq", value: supplier.id });
    expect(orders).toEqual([
      expect.objectContaining({ status: "draft", date: "2027-01-04", number: expect.stringMatching(/^PO-2027-\d{4}$/) }),
    ]);
    const lines = await list("purchase_order_items", { field: "purchase_order", op: "eq", value: orders[0].id }, "id");
    expect(lines.map((l) => [l.product, l.quantity, l.price])).toEqual([
      [bolts.id, 7, 2],
      [nuts.id, 6, 1.5],
    ]);
    expect((await get("purchase_orders", orders[0].id)).total).toBe(23);

    // Issued at once: stock goes down again, but Bolts stayed below its level: no second line.
    await create("invoices", { client: client.id, date: "2027-01-05", status: "issued", currency: "EUR", items: [line(bolts, 1)] });
    await drain();
    expect((await get("products", bolts.id)).stock).toBe(2);
    expect(await list("purchase_order_items", { field: "purchase_order", op: "eq", value: orders[0].id })).toHaveLength(2);

    // Cancelled, the invoice gives its stock back; issued again, it takes it again.
    await update("invoices", invoice.id, { status: "cancelled" });
    await drain();
    expect([(await get("products", bolts.id)).stock, (await get("products", nuts.id)).stock]).toEqual([9, 6]);
    await update("invoices", invoice.id, { status: "issued" });
    await drain();
    expect([(await get("products", bolts.id)).stock, (await get("products", nuts.id)).stock]).toEqual([2, 4]);
    // Nuts fell below again while still on the draft: it keeps its one line.
    expect(await list("purchase_order_items", { field: "purchase_order", op: "eq", value: orders[0].id })).toHaveLength(2);

    // Sent and received, the next drop starts a new draft.
    await update("purchase_orders", orders[0].id, { status: "sent" });
    await update("products", bolts.id, { stock: 12 });
    await create("invoices", { client: client.id, date: "2027-01-06", status: "issued", currency: "EUR", items: [line(bolts, 8)] });
    await drain();
    const after = await list("purchase_orders", { field: "supplier", op: "eq", value: supplier.id }, "id");
    expect(after.map((o) => o.status)).toEqual(["sent", "draft"]);
    expect((await list("purchase_order_items", { field: "purchase_order", op: "eq", value: after[1].id })).map((l) => l.quantity)).toEqual([
      6,
    ]);
  });

  it("route a new lead by region, size and industry, else to the sales user with the fewest open leads; the owner is told", async () => {
    const lead = async (name: string, values: Record<string, unknown>) => {
      const created = await create("leads", { name, ...values });
      await drain();
      return get("leads", created.id);
    };
    const tender = await lead("Tender office", {
      company: "Mayo County Council",
      industry: "public",
      region: "west",
      company_size: "large",
    });
    expect(tender.owner).toBe(anna.id);
    const northern = await lead("Niamh Quinn", {
      company: "Quinn Foods",
      region: "north",
      company_size: "large",
      industry: "retail",
      source: "referral",
      activity: 2,
    });
    expect(northern).toMatchObject({ owner: ben.id, score: 30 + 30 + 10 });
    // Ben holds the demo's open leads: the others share the rest, in turn.
    const pooled = [
      await lead("P1", { region: "south", company_size: "micro", source: "website" }),
      await lead("P2", { region: "east", company_size: "small" }),
      await lead("P3", { region: "south" }),
    ];
    expect(pooled.map((l) => l.owner)).toEqual([dara.id, eve.id, dara.id]);
    expect(pooled[0].score).toBe(15 + 5);
    // An owner given by hand is kept.
    expect((await lead("Mine", { region: "north", company_size: "large", owner: eve.id })).owner).toBe(eve.id);

    expect(await titlesOf(ben)).toContain("New lead: Niamh Quinn (Quinn Foods), score 70");
    expect(await titlesOf(anna)).toContain("New lead: Tender office (Mayo County Council), score 35");
    expect((await titlesOf(dara)).filter((t) => t.startsWith("New lead:"))).toEqual(["New lead: P3, score 10", "New lead: P1, score 20"]);
    // Lists sort by the score.
    const scores = (await list("leads", { field: "status", op: "eq", value: "new" }, "-score")).map((l) => Number(l.score));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBe(70);
  });

  it("give a contract's manager a renewal task 30 days before it ends, and mark it expired after", async () => {
    const client = await create("clients", { kind: "company", name: "Renewing Ltd", status: "active", manager: eve.id });
    const contract = (values: Record<string, unknown>) =>
      create("contracts", {
        client: client.id,
        date: "2026-04-01",
        valid_from: "2026-04-01",
        valid_to: "2027-03-31",
        currency: "EUR",
        ...values,
      });
    const managed = await contract({ status: "active", manager: dara.id });
    const unmanaged = await contract({ status: "active" });
    const draft = await contract({ status: "draft", manager: dara.id });
    const renewals = async () =>
      list(
        "tasks",
        {
          and: [
            { field: "about_table", op: "eq", value: "contracts" },
            { or: [managed, unmanaged, draft].map((c) => ({ field: "about_id", op: "eq", value: c.id })) },
          ],
        },
        "about_id",
      );

    await rt.automation.runDue(at("2027-02-28T23:00:00.000Z"));
    expect(await renewals()).toEqual([]);
    await rt.automation.runDue(at("2027-03-01T08:00:00.000Z"));
    await rt.automation.runDue(at("2027-03-02T08:00:00.000Z"));
    const tasks = await renewals();
    expect(tasks.map((t) => [t.about_id, t.assignee, t.status, t.due])).toEqual([
      [managed.id, dara.id, "open", "2027-03-17T09:00:00.000Z"],
      [unmanaged.id, eve.id, "open", "2027-03-17T09:00:00.000Z"],
    ]);
    expect(tasks[0].subject).toBe(`Renew ${String(managed.number)} with Renewing Ltd (ends 2027-03-31)`);

    await rt.automation.runDue(at("2027-03-31T23:59:00.000Z"));
    expect((await get("contracts", managed.id)).status).toBe("active");
    await rt.automation.runDue(at("2027-04-01T06:00:00.000Z"));
    expect([(await get("contracts", managed.id)).status, (await get("contracts", unmanaged.id)).status]).toEqual(["expired", "expired"]);
    expect((await get("contracts", draft.id)).status).toBe("draft");
  });

  it("close a deal won or lost today, and show it in the funnel's month", async () => {
    at("2027-01-20T10:00:00.000Z");
    const deal = await create("deals", { title: "Closing soon", stage: "negotiation", expected_close: "2027-03-31", amount: 1000 });
    const { compiled } = await rt.workspace.current();
    const funnelAt = () => loadFunnelPage(rt.records, compiled, SYSTEM_ACTOR, "deals", new URL("http://x/t/deals/funnel"), clock);
    const before = (await funnelAt())!;
    await update("deals", deal.id, { title: "Closing now" });
    await drain();
    expect((await get("deals", deal.id)).expected_close).toBe("2027-03-31");
    await update("deals", deal.id, { stage: "won" });
    await drain();
    expect((await get("deals", deal.id)).expected_close).toBe("2027-01-20");

    const after = (await funnelAt())!;
    const stage = (f: typeof after, value: string) => f.funnel.stages.find((s) => s.value === value)!;
    expect(stage(after, "won").count).toBe(stage(before, "won").count + 1);
    expect(stage(after, "negotiation").count).toBe(stage(before, "negotiation").count - 1);
    const wonInJanuary = (f: typeof after) => f.months.find((m) => m.month === "2027-01")?.won.count ?? 0;
    expect(wonInJanuary(after)).toBe(wonInJanuary(before) + 1);
    // Every figure is the records service's count of that stage.
    for (const s of after.funnel.stages)
      expect(s.count).toBe((await rt.records.list(SYSTEM_ACTOR, "deals", { filter: { field: "stage", op: "eq", value: s.value } })).total);
  });

  it("route a new case, due by its priority, and escalate it to the owner's supervisor when still open past due", async () => {
    at("2027-05-03T09:00:00.000Z");
    const client = await create("clients", { kind: "company", name: "Broken Printers Ltd", status: "active" });
    const urgent = await create("cases", { subject: "Server down", client: client.id, priority: "urgent" });
    const low = await create("cases", { subject: "New toner", client: client.id, priority: "low" });
    await drain();
    const [u, l] = [await get("cases", urgent.id), await get("cases", low.id)];
    expect(u).toMatchObject({
      due_at: "2027-05-03T13:00:00.000Z",
      status: "open",
      escalated: false,
      number: expect.stringMatching(/^CASE-\d{5}$/),
    });
    expect(l.due_at).toBe("2027-05-10T09:00:00.000Z");
    // Ben holds the demo's open cases; Dara and Eve take one each.
    expect([u.owner, l.owner].sort()).toEqual([dara.id, eve.id].sort());
    const owner = u.owner === dara.id ? dara : eve;
    expect(await titlesOf(owner)).toContain(`New case ${String(u.number)}: Server down (urgent)`);

    const resolved = await create("cases", { subject: "Fixed already", priority: "urgent", owner: dara.id });
    await drain();
    await update("cases", resolved.id, { status: "resolved" });

    await rt.automation.runDue(at("2027-05-03T12:59:00.000Z"));
    expect((await get("cases", urgent.id)).escalated).toBe(false);
    await rt.automation.runDue(at("2027-05-03T13:05:00.000Z"));
    await rt.automation.runDue(at("2027-05-03T14:00:00.000Z"));
    expect((await get("cases", urgent.id)).escalated).toBe(true);
    expect((await get("cases", resolved.id)).escalated).toBe(false);
    const escalations = (await titlesOf(anna)).filter((t) => t.startsWith("Overdue case"));
    expect(escalations).toEqual([`Overdue case ${String(u.number)}: Server down (${owner === dara ? "Dara" : "Eve"}, urgent)`]);
  });

  it("hold an invoice over 10,000 or with a discount over 20 % until an admin approves its issue", async () => {
    const client = await create("clients", { kind: "company", name: "Big Spender Ltd", status: "active" });
    const draft = (items: Record<string, unknown>[]) =>
      create("invoices", { client: client.id, date: "2027-06-01", status: "draft", currency: "EUR", items }, chloe);
    const big = await draft([{ description: "Rollout", quantity: 1, price: 12_000, tax_rate: 0 }]);
    const discounted = await draft([{ description: "Licences", quantity: 10, price: 100, discount: 25, tax_rate: 0 }]);
    const fine = await draft([{ description: "Licences", quantity: 10, price: 100, discount: 20, tax_rate: 0 }]);

    await expect(update("invoices", big.id, { status: "issued" }, chloe)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/Issue Big Spender Ltd's invoice of €12,000\.00\?.*needs the approval of Anna Keane/),
    });
    await expect(update("invoices", discounted.id, { status: "issued" }, chloe)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("with a 25 % discount?"),
    });
    expect((await update("invoices", fine.id, { status: "issued" }, chloe)).status).toBe("issued");
    expect((await get("invoices", big.id)).status).toBe("draft");
    // Refused again while it waits, with nothing new asked.
    await expect(update("invoices", big.id, { status: "issued" }, chloe)).rejects.toMatchObject({
      message: expect.stringContaining("waits for the approval of Anna Keane"),
    });
    const [request] = await rt.automation.approvals.list({ recordId: big.id });
    expect(request).toMatchObject({ state: "pending", requestedBy: chloe.id });
    expect((await titlesOf(anna)).filter((t) => t.startsWith("Approval needed"))).toHaveLength(2);

    await expect(rt.automation.approvals.approve(ben, request.id)).rejects.toMatchObject({ status: 403 });
    expect(await rt.automation.approvals.approve(anna, request.id, "known client")).toMatchObject({ state: "approved" });
    const issued = await update("invoices", big.id, { status: "issued" }, chloe);
    expect(issued).toMatchObject({ status: "issued", number: expect.stringMatching(/^INV-2027-/) });
    const trail = await listAudit(rt.db, { table: "invoices", recordId: big.id });
    expect(trail.filter((e) => e.action === "approval").map((e) => (e.changes as { decision: string }).decision)).toEqual([
      "approved",
      "requested",
    ]);
  });
});
