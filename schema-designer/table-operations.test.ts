import { describe, expect, it } from "vitest";
import { plan } from "@runtime/migrations/plan";
import { addTable, removeTable, renameTable, reorderTables, setGroup, setTableLabels } from "./table-operations";
import { problemsOf, seedSchema } from "./test-schema";

describe("addTable", () => {
  it("adds an empty table with a fresh id, last in its group, without touching the input", () => {
    const before = seedSchema();
    const copy = structuredClone(before);
    const after = addTable(before, { key: "projects", title: "Project", plural: "Projects", group: "crm" });
    expect(before).toEqual(copy);
    expect(after.$defs.projects).toMatchObject({
      "x-id": "t_projects",
      title: "Project",
      "x-plural": "Projects",
      "x-group": "crm",
      properties: {},
    });
    expect(problemsOf(after)).toEqual([]);
    expect(plan(before, after).steps.map((s) => s.op)).toEqual(["create_table"]);
  });

  it("never reuses an id, even one held by the trash", () => {
    const s = seedSchema();
    s.$defs.clients["x-id"] = "t_projects";
    const after = addTable(s, { key: "projects", title: "Project", reservedIds: ["t_projects_2"] });
    expect(after.$defs.projects["x-id"]).toBe("t_projects_3");
  });

  it("refuses taken, reserved and malformed keys and unknown groups", () => {
    const s = seedSchema();
    expect(() => addTable(s, { key: "clients", title: "X" })).toThrow(/already exists/);
    expect(() => addTable(s, { key: "crm_users", title: "X" })).toThrow(/users table|reserved/);
    expect(() => addTable(s, { key: "select", title: "X" })).toThrow(/reserved word/);
    expect(() => addTable(s, { key: "Bad-Key", title: "X" })).toThrow(/not valid/);
    expect(() => addTable(s, { key: "projects", title: "X", group: "nope" })).toThrow(/group "nope" does not exist/);
  });
});

describe("renameTable", () => {
  it("renames the key, keeps the id, and retargets every relation", () => {
    const before = seedSchema();
    const after = renameTable(before, "clients", "customers");
    expect(after.$defs.clients).toBeUndefined();
    expect(after.$defs.customers["x-id"]).toBe("t_clients");
    expect(after.$defs.invoices.properties.client["x-target"]).toBe("customers");
    expect(after.$defs.contacts.properties.client["x-target"]).toBe("customers");
    expect(Object.keys(after.$defs).indexOf("customers")).toBe(Object.keys(before.$defs).indexOf("clients"));
    expect(problemsOf(after)).toEqual([]);
    expect(plan(before, after).steps.map((s) => s.op)).toEqual(["rename_table"]);
  });

  it("refuses an unknown table or a taken key", () => {
    expect(() => renameTable(seedSchema(), "nope", "x")).toThrow(/table "nope" does not exist/);
    expect(() => renameTable(seedSchema(), "clients", "invoices")).toThrow(/already exists/);
  });
});

describe("setTableLabels", () => {
  it("sets and clears labels", () => {
    const after = setTableLabels(seedSchema(), "clients", { title: "Customer", plural: "Customers", description: null });
    expect(after.$defs.clients.title).toBe("Customer");
    expect(after.$defs.clients["x-plural"]).toBe("Customers");
    const cleared = setTableLabels(after, "clients", { plural: null });
    expect(cleared.$defs.clients["x-plural"]).toBeUndefined();
    expect(problemsOf(cleared)).toEqual([]);
  });
});

describe("removeTable", () => {
  it("refuses while other tables link to it, naming them", () => {
    expect(() => removeTable(seedSchema(), "products")).toThrow(/contract_items\.product, invoice_items\.product/);
  });

  it("refuses while a parent's formula aggregates over its records, naming it", () => {
    expect(() => removeTable(seedSchema(), "payments")).toThrow(/formula invoices\.paid reads its records/);
  });

  it("removes a table nothing links to or reads", () => {
    const before = seedSchema();
    const after = removeTable(before, "events");
    expect(after.$defs.events).toBeUndefined();
    expect(before.$defs.events).toBeDefined();
    expect(problemsOf(after)).toEqual([]);
    expect(plan(before, after).steps.map((s) => s.op)).toContain("drop_table");
  });
});

describe("reorderTables and setGroup", () => {
  it("renumbers x-order and the $defs order", () => {
    const s = seedSchema();
    const order = Object.keys(s.$defs).reverse();
    const after = reorderTables(s, order);
    expect(Object.keys(after.$defs)).toEqual(order);
    expect(order.map((k) => after.$defs[k]["x-order"])).toEqual(order.map((_, i) => i + 1));
    expect(problemsOf(after)).toEqual([]);
  });

  it("refuses an order that misses or repeats tables", () => {
    const keys = Object.keys(seedSchema().$defs);
    expect(() => reorderTables(seedSchema(), keys.slice(1))).toThrow(new RegExp(`missing: ${keys[0]}`));
    expect(() => reorderTables(seedSchema(), [...keys, keys[0]])).toThrow(/listed twice/);
  });

  it("moves a table into an existing or a new group, or out of every group", () => {
    const s = seedSchema();
    expect(setGroup(s, "products", "sales").$defs.products["x-group"]).toBe("sales");
    const created = setGroup(s, "products", { key: "stock", title: "Stock" });
    expect(created["x-groups"]?.map((g) => g.key)).toContain("stock");
    expect(problemsOf(created)).toEqual([]);
    expect(setGroup(s, "products", null).$defs.products["x-group"]).toBeUndefined();
    expect(() => setGroup(s, "products", "nope")).toThrow(/does not exist/);
  });
});
