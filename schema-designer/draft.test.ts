import { describe, expect, it } from "vitest";
import { addField } from "./field-operations";
import { describeDraft, parseStoredDraft, replayDraft, type DraftOp } from "./draft";
import { removeField } from "./remove-field";
import { problemsOf, seedSchema } from "./test-schema";

const regionOps: DraftOp[] = [
  { op: "addField", table: "clients", args: { key: "region", kind: "select", title: "Region", options: { enum: ["north", "south"] } } },
  { op: "moveField", table: "clients", field: "region", toIndex: 6 },
  { op: "setFieldLabel", table: "clients", field: "phone", labels: { title: "Mobile phone" } },
  { op: "renameFieldKey", table: "clients", field: "phone", newKey: "mobile_phone" },
];

describe("replayDraft", () => {
  it("applies the edits in order with the pure operations", () => {
    const { schema, applied, dropped } = replayDraft(seedSchema(), regionOps);
    expect(dropped).toEqual([]);
    expect(applied).toHaveLength(4);
    const keys = Object.keys(schema.$defs.clients.properties);
    expect(keys.indexOf("region")).toBe(keys.indexOf("mobile_phone") - 1);
    expect(schema.$defs.clients.properties.mobile_phone).toMatchObject({ "x-id": "f_clients_phone", title: "Mobile phone" });
    expect(problemsOf(schema)).toEqual([]);
  });

  it("rebases onto a newer schema: keeps what still applies and reports what does not", () => {
    // Meanwhile another admin removed the phone field and added a field of their own.
    let fresh = removeField(seedSchema(), "clients", "phone");
    fresh = addField(fresh, "clients", { key: "vip", kind: "boolean", title: "VIP" });
    const { schema, applied, dropped } = replayDraft(fresh, regionOps);
    expect(applied.map((o) => o.op)).toEqual(["addField", "moveField"]);
    expect(dropped.map((d) => d.op.op)).toEqual(["setFieldLabel", "renameFieldKey"]);
    expect(dropped[0].error).toMatch(/field "phone" does not exist/);
    expect(schema.$defs.clients.properties.vip).toBeDefined();
    expect(schema.$defs.clients.properties.region).toBeDefined();
  });

  it("clamps a move and completes a table order that predates new tables", () => {
    const ops: DraftOp[] = [
      { op: "moveField", table: "product_categories", field: "name", toIndex: 40 },
      { op: "reorderTables", order: ["contacts", "clients"] },
    ];
    const { schema, dropped } = replayDraft(seedSchema(), ops);
    expect(dropped).toEqual([]);
    expect(Object.keys(schema.$defs.product_categories.properties)).toEqual(["description", "name"]);
    expect(Object.keys(schema.$defs).slice(0, 3)).toEqual(["contacts", "clients", "events"]);
  });
});

describe("describeDraft", () => {
  it("tells each edit in plain words with the labels of its moment", () => {
    expect(describeDraft(seedSchema(), regionOps)).toEqual([
      "Add field “Region” (Choice) to “Clients”",
      "Move “Region” to position 7 in “Clients”",
      "Rename field “Phone” of “Clients” to “Mobile phone”",
      "Change the key of “Mobile phone” in “Clients” from phone to mobile_phone",
    ]);
  });
});

describe("parseStoredDraft", () => {
  it("reads back what was stored and refuses anything else", () => {
    expect(parseStoredDraft(JSON.stringify({ baseVersion: 3, ops: regionOps }))).toEqual({ baseVersion: 3, ops: regionOps });
    expect(parseStoredDraft(null)).toBeNull();
    expect(parseStoredDraft("{oops")).toBeNull();
    expect(parseStoredDraft(JSON.stringify({ baseVersion: 3, ops: [{ op: "dropDatabase" }] }))).toBeNull();
  });
});
