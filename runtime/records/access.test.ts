import { describe, expect, it } from "vitest";
import type { RoleDefinition, TableRights } from "../auth/roles";
import { compileSchema } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import { smallWorkspace } from "@tests/integration/workspace-schema";
import { applyOwner, inScope, refuseHiddenUse, refuseLockedWrites, strip } from "./access";
import { parseFilter } from "./filter";
import { SYSTEM_ACTOR, type Actor } from "./permissions";
import type { RecordJson } from "./rows";
import { thrownApiError } from "@tests/helpers/thrown-api-error";

function workspace() {
  const ws = smallWorkspace();
  ws.$defs.clients.properties.owner = {
    type: "integer",
    "x-id": "f_cl_owner",
    "x-kind": "relation",
    "x-target": USERS_TABLE,
    title: "Owner",
  };
  ws.$defs.clients["x-owner-field"] = "owner";
  return ws;
}
const compiled = compileSchema(workspace());
const clients = compiled.tablesByKey.get("clients")!;
const invoices = compiled.tablesByKey.get("invoices")!;

const all: TableRights = { read: true, create: true, update: true, delete: true, print: true, scope: "all" };
const role: RoleDefinition = {
  key: "rep",
  name: "Sales rep",
  builtin: false,
  admin: false,
  tables: {
    "*": all,
    t_clients: { ...all, scope: "own", fields: { f_cl_email: "hidden", f_cl_code: "readonly" } },
    t_invoice_items: { ...all, fields: { f_ii_price: "hidden" } },
  },
};
const rep: Actor = { id: 5, name: "Rep", role: "rep", rights: role };
const admin: Actor = { ...SYSTEM_ACTOR, id: 1 };

describe("inScope", () => {
  it("lets a user scoped to their own records see only those", () => {
    expect(inScope(rep, clients, { id: 1, owner: 5 })).toBe(true);
    expect(inScope(rep, clients, { id: 2, owner: 6 })).toBe(false);
    expect(inScope(rep, clients, { id: 3, owner: null })).toBe(false);
    expect(inScope(admin, clients, { id: 2, owner: 6 })).toBe(true);
  });

  it("shows nothing of a scoped table that has no owner field", () => {
    const scoped: Actor = { ...rep, rights: { ...role, tables: { ...role.tables, t_invoices: { ...all, scope: "own" } } } };
    expect(inScope(scoped, invoices, { id: 1, client: 5 })).toBe(false);
  });
});

describe("strip", () => {
  it("removes hidden fields from the record, its expanded relations and its lines", () => {
    const client = { id: 1, version: 1, name: "Acme", email: "a@acme.test", _expanded: { email: "x", owner: { id: 5 } } } as RecordJson;
    expect(strip(rep, compiled, clients, client)).toEqual({ id: 1, version: 1, name: "Acme", _expanded: { owner: { id: 5 } } });
    const invoice = { id: 2, version: 1, items: [{ id: 3, version: 1, description: "Design", price: 50 }] } as RecordJson;
    expect(strip(rep, compiled, invoices, invoice).items).toEqual([{ id: 3, version: 1, description: "Design" }]);
  });

  it("leaves everything to a role that hides nothing", () => {
    const client = { id: 1, version: 1, email: "a@acme.test" } as RecordJson;
    expect(strip(admin, compiled, clients, client)).toEqual({ id: 1, version: 1, email: "a@acme.test" });
  });
});

describe("refuseHiddenUse", () => {
  it("refuses a filter on a hidden field however deep it sits", () => {
    const filter = parseFilter(clients, {
      and: [{ field: "name", op: "eq", value: "Acme" }, { or: [{ not: { field: "email", op: "eq", value: "a@b.c" } }] }],
    });
    const error = thrownApiError(() => refuseHiddenUse(rep, compiled, clients, filter, [], []));
    expect(error.status).toBe(403);
    expect(error.message).toBe('You may not filter, sort or expand by "email": your role cannot see that field.');
  });

  it("refuses sorting or expanding by hidden fields, naming them all", () => {
    const error = thrownApiError(() => refuseHiddenUse(rep, compiled, clients, null, [{ column: "email" }], ["email", "name"]));
    expect(error.message).toMatch(/"email": your role cannot see that field/);
    const two: Actor = {
      ...rep,
      rights: { ...role, tables: { t_clients: { ...all, fields: { f_cl_email: "hidden", f_cl_name: "hidden" } } } },
    };
    expect(thrownApiError(() => refuseHiddenUse(two, compiled, clients, null, [{ column: "name" }], ["email"])).message).toMatch(
      /by "name", "email": your role cannot see those fields/,
    );
  });

  it("lets visible fields, and read-only ones, be used", () => {
    const filter = parseFilter(clients, { field: "code", op: "eq", value: "A" });
    expect(() => refuseHiddenUse(rep, compiled, clients, filter, [{ column: "name" }, { column: "id" }], ["owner"])).not.toThrow();
    expect(() => refuseHiddenUse(admin, compiled, clients, filter, [{ column: "email" }], [])).not.toThrow();
  });
});

describe("refuseLockedWrites", () => {
  it("refuses a new record that sets a read-only or hidden field, naming it by label", () => {
    const error = thrownApiError(() => refuseLockedWrites(rep, clients, { name: "Acme", code: "A1" }, null));
    expect([error.status, error.message]).toEqual([403, "Your role may not change “Code” of Clients; nothing was saved."]);
    expect(error.details).toEqual({ fields: ["code"] });
    expect(thrownApiError(() => refuseLockedWrites(rep, clients, { email: "a@b.c" }, null)).details).toEqual({ fields: ["email"] });
  });

  it("lets a locked field through empty on create, or unchanged on update", () => {
    expect(() => refuseLockedWrites(rep, clients, { name: "Acme", code: null }, null)).not.toThrow();
    expect(() => refuseLockedWrites(rep, clients, { code: "A1", name: "New" }, { code: "A1", name: "Old" })).not.toThrow();
    expect(() => refuseLockedWrites(rep, clients, { code: null }, { code: undefined })).not.toThrow();
    expect(thrownApiError(() => refuseLockedWrites(rep, clients, { code: "B2" }, { code: "A1" })).status).toBe(403);
  });
});

describe("applyOwner", () => {
  it("gives a new record to its creator unless an owner is named", () => {
    const values: Record<string, unknown> = { name: "Acme" };
    applyOwner(admin, clients, values, null);
    expect(values.owner).toBe(1);
    const named: Record<string, unknown> = { name: "Acme", owner: 9 };
    applyOwner(admin, clients, named, null);
    expect(named.owner).toBe(9);
  });

  it("leaves the owner alone on update, for the system actor, and on tables without one", () => {
    const update: Record<string, unknown> = { name: "Renamed" };
    applyOwner(admin, clients, update, { owner: 9 });
    expect(update).toEqual({ name: "Renamed" });
    const bySystem: Record<string, unknown> = {};
    applyOwner(SYSTEM_ACTOR, clients, bySystem, null);
    expect(bySystem).toEqual({});
    const invoice: Record<string, unknown> = { client: 1 };
    applyOwner(rep, invoices, invoice, null);
    expect(invoice).toEqual({ client: 1 });
  });

  it("does not let a scoped user give a record away", () => {
    const mine: Record<string, unknown> = {};
    applyOwner(rep, clients, mine, null);
    expect(mine.owner).toBe(5);
    const error = thrownApiError(() => applyOwner(rep, clients, { owner: 6 }, { owner: 5 }));
    expect([error.status, error.message]).toEqual([403, "You may only keep Clients that are yours: “Owner” must be you."]);
  });
});
