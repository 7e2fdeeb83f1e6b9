import { describe, expect, it } from "vitest";
import { plan } from "@runtime/migrations/plan";
import { addField, changeFieldKind, moveField, setFieldLabel, setFieldOptions, setRequired } from "./field-operations";
import { problemsOf, seedSchema } from "./test-schema";

describe("addField", () => {
  it("adds a select field with its type from the kind and a fresh id", () => {
    const before = seedSchema();
    const copy = structuredClone(before);
    const after = addField(before, "clients", { key: "region", kind: "select", title: "Region", options: { enum: ["north", "south"] } });
    expect(before).toEqual(copy);
    expect(after.$defs.clients.properties.region).toEqual({
      type: "string",
      "x-id": "f_clients_region",
      "x-kind": "select",
      title: "Region",
      enum: ["north", "south"],
    });
    expect(Object.keys(after.$defs.clients.properties).at(-1)).toBe("region");
    expect(problemsOf(after)).toEqual([]);
    expect(plan(before, after).steps.map((s) => s.op)).toEqual(["add_column"]);
  });

  it("gives a formula the type of its result and can insert at a position", () => {
    const after = addField(seedSchema(), "invoices", {
      key: "vat_share",
      kind: "formula",
      options: { "x-formula": "tax_total / total", "x-result": "decimal", "x-scale": 4 },
      index: 0,
    });
    expect(after.$defs.invoices.properties.vat_share.type).toBe("number");
    expect(Object.keys(after.$defs.invoices.properties)[0]).toBe("vat_share");
    expect(problemsOf(after)).toEqual([]);
  });

  it("checks options against the kind's definition schema", () => {
    const s = seedSchema();
    expect(() => addField(s, "clients", { key: "region", kind: "select", options: {} })).toThrow(/option "enum" is required/);
    expect(() => addField(s, "clients", { key: "age", kind: "integer", options: { "x-target": "clients" } })).toThrow(
      /"x-target" does not apply/,
    );
    expect(() => addField(s, "clients", { key: "x", kind: "text", options: { type: "integer" } as never })).toThrow(/set by the designer/);
    expect(() => addField(s, "clients", { key: "x", kind: "nope" as never })).toThrow(/unknown field kind "nope"/);
  });

  it("refuses taken, system and reserved keys, and formulas that do not check", () => {
    const s = seedSchema();
    expect(() => addField(s, "clients", { key: "name", kind: "text" })).toThrow(/already has a field "name"/);
    expect(() => addField(s, "clients", { key: "created_at", kind: "text" })).toThrow(/system column/);
    expect(() =>
      addField(s, "clients", { key: "f", kind: "formula", options: { "x-formula": "nope + 1", "x-result": "integer" } }),
    ).toThrow(/x-formula/);
  });
});

describe("labels, options, order, kind, required", () => {
  it("setFieldLabel changes only the label; plan has nothing to do", () => {
    const before = seedSchema();
    const after = setFieldLabel(before, "clients", "phone", { title: "Mobile phone", description: "Best number" });
    expect(after.$defs.clients.properties.phone).toMatchObject({
      title: "Mobile phone",
      description: "Best number",
      "x-id": "f_clients_phone",
    });
    expect(plan(before, after).steps).toEqual([]);
    expect(setFieldLabel(after, "clients", "phone", { description: null }).$defs.clients.properties.phone.description).toBeUndefined();
  });

  it("setFieldOptions merges, removes undefined options, and validates", () => {
    const s = seedSchema();
    const after = setFieldOptions(s, "clients", "status", { enum: ["lead", "active", "inactive", "lost"], "x-labels": undefined });
    expect(after.$defs.clients.properties.status.enum).toContain("lost");
    expect(after.$defs.clients.properties.status["x-labels"]).toBeUndefined();
    expect(after.$defs.clients.properties.status.default).toBe("lead");
    expect(() => setFieldOptions(s, "clients", "status", { default: "gone" })).toThrow(/default "gone" is not one of the options/);
  });

  it("moveField reorders properties only", () => {
    const before = seedSchema();
    const after = moveField(before, "clients", "phone", 0);
    expect(Object.keys(after.$defs.clients.properties)[0]).toBe("phone");
    expect(Object.keys(after.$defs.clients.properties).sort()).toEqual(Object.keys(before.$defs.clients.properties).sort());
    expect(plan(before, after).steps).toEqual([]);
    expect(() => moveField(before, "clients", "phone", 99)).toThrow(/outside the table's fields/);
  });

  it("changeFieldKind keeps the id and label, and plans a conversion", () => {
    const before = seedSchema();
    const after = changeFieldKind(before, "clients", "registration_number", "integer");
    expect(after.$defs.clients.properties.registration_number).toMatchObject({
      type: "integer",
      "x-kind": "integer",
      "x-id": "f_clients_registration_number",
    });
    expect(after.$defs.clients.properties.registration_number.maxLength).toBeUndefined();
    expect(problemsOf(after)).toEqual([]);
    expect(plan(before, after).steps.map((s) => s.op)).toContain("convert_column");
  });

  it("changeFieldKind refuses a kind a use of the field cannot take", () => {
    // The title field must stay text-like.
    expect(() => changeFieldKind(seedSchema(), "clients", "name", "boolean")).toThrow(/title field "name" is a boolean field/);
  });

  it("setRequired adds in property order and removes", () => {
    const s = seedSchema();
    const on = setRequired(s, "clients", "email", true);
    expect(on.$defs.clients.required).toEqual(["kind", "name", "email", "status"]);
    expect(setRequired(on, "clients", "email", false).$defs.clients.required).toEqual(["kind", "name", "status"]);
    expect(() => setRequired(s, "invoice_items", "invoice", false)).toThrow(/composition field must be required/);
  });
});
