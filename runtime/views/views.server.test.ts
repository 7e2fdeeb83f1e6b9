import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@tests/helpers/databases";
import { createSeededRuntime } from "@tests/helpers/default-configuration";
import { BUILTIN_ROLES } from "../auth/roles";
import { SYSTEM_ACTOR, type Actor } from "../records/permissions";
import type { Runtime } from "../runtime.server";
import { handleListAction } from "./list-actions.server";
import { loadListPage, type ListPageDeps } from "./list-page.server";
import { languagePack } from "../i18n/catalogs.server";
import { createTranslator } from "../i18n/translator";
import { say, type Phrase, type Words } from "../i18n/words";

const admin: Actor = { ...SYSTEM_ACTOR, name: "Anonymous", role: "admin" };
const other: Actor = { id: 9, name: "Other", role: "staff", rights: BUILTIN_ROLES.find((r) => r.key === "staff")! };
let database: TestDatabase;
let runtime: Runtime;
let deps: ListPageDeps;

const sv: Words = createTranslator(languagePack("sv")).t;
const en: Words = createTranslator(languagePack("en")).t;
/** A notice as the list screen says it. */
const said = (notice: string | Phrase, t: Words) => (typeof notice === "string" ? notice : say(notice, t));
const page = (table: string, search = "") => loadListPage(deps, admin, table, new URL(`http://x/t/${table}${search}`));
function form(values: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) data.append(k, one);
  return data;
}

beforeAll(async () => {
  database = await createSqliteTestDatabase();
  runtime = await createSeededRuntime(database.url);
  deps = runtime;
});
afterAll(async () => {
  await runtime?.close();
  await database?.drop();
});

describe("loadListPage", () => {
  it("lists the default columns with relations expanded and counts", async () => {
    const data = await page("invoices");
    expect(data.state.columns[0]).toBe("number");
    expect(data.rows.length).toBeGreaterThan(0);
    expect(data.total).toBeGreaterThanOrEqual(data.rows.length);
    const withClient = data.rows.find((r) => r.client !== null)!;
    expect((withClient._expanded as Record<string, { title: string }>).client.title).not.toBe("");
  });

  it("filters, sorts and pages by cursor", async () => {
    const f = encodeURIComponent(JSON.stringify([["status", "eq", "issued"]]));
    const first = await page("invoices", `?f=${f}&sort=-due_date&pageSize=25`);
    expect(first.rows.every((r) => r.status === "issued")).toBe(true);
    expect(first.notices).toEqual([]);
    const dues = first.rows.map((r) => String(r.due_date));
    expect([...dues].sort().reverse()).toEqual(dues);
    if (first.nextCursor) {
      const second = await page("invoices", `?f=${f}&sort=-due_date&pageSize=25&page=2&cur=${first.nextCursor}`);
      expect(second.rows[0].id).not.toBe(first.rows[0].id);
      expect(second.page).toBe(2);
    }
  });

  it("shows a bad address as the list with notices, including the service's own refusals", async () => {
    const bad = encodeURIComponent(JSON.stringify([["due_date", "lt", "not a date"]]));
    const data = await page("invoices", `?f=${bad}&sort=nope&page=zz`);
    expect(data.rows.length).toBeGreaterThan(0);
    expect(data.notices.length).toBeGreaterThanOrEqual(3);
    expect(data.state.conditions).toEqual([]);
  });

  it("says a filter the records service refused, and a filter it cannot read, in the reader's language", async () => {
    const bad = encodeURIComponent(JSON.stringify([["due_date", "lt", "not a date"]]));
    const refused = (await page("invoices", `?f=${bad}`)).notices.map((n) => ({ en: said(n, en), sv: said(n, sv) }));
    expect(refused).toHaveLength(1);
    expect(refused[0].en).toMatch(/^filter on "due_date": .* — showing the list without the filter and sort\.$/);
    expect(refused[0].sv).toMatch(/^filter på "due_date": .* – listan visas utan filter och sortering\.$/);
    // The field kind's own words for the value are Swedish too.
    expect(refused[0].sv).not.toContain(refused[0].en.split(": ")[1].split(" — ")[0]);
    const [unreadable] = (await page("invoices", "?f=%5Boops")).notices;
    expect(said(unreadable, sv)).toBe("Filtret i den här adressen går inte att läsa, så det utelämnades.");
    const [sort] = (await page("invoices", "?sort=nope")).notices;
    expect(said(sort, en)).toBe('Invoices have no field "nope" to sort by.');
    expect(said(sort, sv)).toBe('Invoices har inget fält "nope" att sortera efter.');
  });

  it("marks overdue invoices and relation titles for chips", async () => {
    const data = await page("invoices", `?pageSize=200`);
    for (const id of data.overdueIds) expect(data.rows.find((r) => r.id === id)?.status).toBe("issued");
    const client = data.rows.find((r) => typeof r.client === "number")!.client as number;
    const chips = await page("invoices", `?f=${encodeURIComponent(JSON.stringify([["client", "eq", client]]))}`);
    expect(chips.refTitles[`client:${client}`]).toBeTruthy();
  });

  it("refuses an unknown table", async () => {
    await expect(page("nope")).rejects.toMatchObject({ status: 404 });
  });
});

describe("saved views", () => {
  it("saves the current state, lists it as the owner's, and applies it", async () => {
    const result = await handleListAction(
      deps,
      admin,
      "clients",
      form({ intent: "save-view", name: "Leads", search: '?f=[["status","eq","lead"]]&cols=name,email' }),
    );
    expect(result).toMatchObject({ intent: "save-view" });
    const id = Number(("redirectTo" in result ? result.redirectTo : "").split("view=")[1]);
    const data = await page("clients", `?view=${id}`);
    expect(data.activeView).toMatchObject({ id, name: "Leads", editable: true });
    expect(data.state.columns).toEqual(["name", "email"]);
    expect(data.rows.every((r) => r.status === "lead")).toBe(true);
    // Private: someone else does not see it, nor may change it.
    const { views } = runtime;
    const tableId = (await runtime.workspace.current()).compiled.tablesByKey.get("clients")!.id;
    expect((await views.list(admin, tableId)).some((v) => v.id === id)).toBe(true);
    expect((await views.list(other, tableId)).some((v) => v.id === id)).toBe(false);
    await expect(views.remove(other, tableId, id)).rejects.toMatchObject({ status: 404 });
  });

  it("sets the default for everyone, updates and deletes", async () => {
    await handleListAction(deps, admin, "contacts", form({ intent: "set-default", search: "?cols=full_name,email&sort=full_name" }));
    const data = await page("contacts");
    expect(data.activeView?.isDefault).toBe(true);
    expect(data.state).toMatchObject({ columns: ["full_name", "email"], sort: "full_name" });
    const saved = await handleListAction(deps, admin, "contacts", form({ intent: "save-view", name: "Mine", shared: "true", search: "" }));
    const id = ("redirectTo" in saved ? saved.redirectTo : "").split("view=")[1];
    await handleListAction(deps, admin, "contacts", form({ intent: "update-view", viewId: id, search: `?view=${id}&cols=email` }));
    expect((await page("contacts", `?view=${id}`)).state.columns).toEqual(["email"]);
    await handleListAction(deps, admin, "contacts", form({ intent: "delete-view", viewId: id }));
    const [gone] = (await page("contacts", `?view=${id}`)).notices;
    expect(said(gone, en)).toMatch(/no longer exists/);
    expect(said(gone, sv)).toBe("Den sparade vyn i den här adressen finns inte längre; den vanliga listan visas.");
  });
});

describe("bulk delete", () => {
  it("deletes what it can and reports what is still used", async () => {
    const clients = await page("clients", "?pageSize=200");
    const invoices = await page("invoices", "?pageSize=200");
    const used = invoices.rows.find((r) => typeof r.client === "number")!.client as number;
    const fresh = await runtime.records.create(admin, "clients", { name: "Delete me", kind: "company", status: "lead" });
    const result = await handleListAction(deps, admin, "clients", form({ intent: "delete", ids: [String(fresh.id), String(used)] }));
    expect(result).toMatchObject({ intent: "delete", deleted: [fresh.id] });
    if (result.intent === "delete") {
      expect(result.failed[0]).toMatchObject({ id: used, message: expect.stringMatching(/still used/) });
      expect(say(result.failed[0].words!, sv)).toMatch(/används fortfarande av/);
    }
    expect(clients.rows.length).toBeGreaterThan(0);
  });
});
