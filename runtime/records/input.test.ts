import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { compileSchema } from "../schema/compile";
import { smallWorkspace } from "@tests/integration/workspace-schema";
import { applyDefaults, splitInput, throwIfErrors, validateLines, withoutComputed } from "./input";
import type { FieldErrors } from "./validation";
import { thrownApiError } from "@tests/helpers/thrown-api-error";

const compiled = compileSchema(smallWorkspace());
const invoices = compiled.tablesByKey.get("invoices")!;

describe("splitInput", () => {
  it("separates the table's values from its composition lines", () => {
    const errors: FieldErrors = {};
    const lines = [{ description: "Design", quantity: 2, price: 50 }];
    const { values, lists } = splitInput(invoices, { client: 1, status: "issued", items: lines }, errors);
    expect(values).toEqual({ client: 1, status: "issued" });
    expect(lists).toEqual({ items: lines });
    expect(errors).toEqual({});
  });

  it("leaves out what the engine owns: system keys and computed fields", () => {
    const errors: FieldErrors = {};
    const body = { id: 9, version: 3, created_at: "x", _expanded: {}, number: "INV-1", total: 100, balance: 5, date: "2026-01-02" };
    expect(splitInput(invoices, body, errors).values).toEqual({ date: "2026-01-02" });
    expect(errors).toEqual({});
  });

  it("names unknown keys and lists that are not compositions", () => {
    const errors: FieldErrors = {};
    splitInput(invoices, { colour: "red", payments: [] }, errors);
    expect(errors).toEqual({
      colour: '"colour" is not a field of Invoices',
      payments: '"payments" is not a field of Invoices',
    });
  });

  it("refuses lines that are not a list of objects, or too many", () => {
    const errors: FieldErrors = {};
    splitInput(invoices, { items: [1, 2] }, errors);
    expect(errors).toEqual({ items: "items must be a list of records" });
    const many: FieldErrors = {};
    const { lists } = splitInput(invoices, { items: Array.from({ length: 1001 }, () => ({})) }, many);
    expect(many).toEqual({ items: "items can hold at most 1000 lines" });
    expect(lists).toEqual({});
  });

  it("answers 400 when the body is not an object", () => {
    for (const body of [null, [], "x", 3]) {
      expect(() => splitInput(invoices, body, {})).toThrow(ApiError);
      expect(() => splitInput(invoices, body, {})).toThrow(/must be a JSON object/);
    }
  });
});

describe("applyDefaults", () => {
  it("fills a field left out with a copy of its default, and keeps what was given", () => {
    const values: Record<string, unknown> = { client: 1 };
    applyDefaults(invoices, values);
    expect(values).toEqual({ client: 1, status: "draft" });
    const given: Record<string, unknown> = { status: "issued", date: null };
    applyDefaults(invoices, given);
    expect(given).toEqual({ status: "issued", date: null });
  });

  it("never hands out the schema's own default object", () => {
    const ws = smallWorkspace();
    ws.$defs.clients.properties.tags = {
      type: "array",
      "x-id": "f_cl_tags",
      "x-kind": "multiselect",
      items: { type: "string", enum: ["a", "b"] },
      default: ["a"],
    };
    const clients = compileSchema(ws).tablesByKey.get("clients")!;
    const values: Record<string, unknown> = {};
    applyDefaults(clients, values);
    (values.tags as string[]).push("b");
    expect(clients.fieldsByKey.get("tags")!.def.default).toEqual(["a"]);
  });
});

describe("withoutComputed", () => {
  it("drops formulas and autonumbers without touching its input", () => {
    const merged = { client: 1, number: "INV-1", total: 10, paid: 0, balance: 10, status: "issued" };
    expect(withoutComputed(invoices, merged)).toEqual({ client: 1, status: "issued" });
    expect(merged.total).toBe(10);
  });
});

describe("validateLines", () => {
  it("keys each line's errors by list, position and field, and says which line", () => {
    const errors: FieldErrors = {};
    validateLines(
      compiled,
      invoices,
      {
        items: [
          { description: "ok", price: 5 },
          { price: "lots", colour: "red" },
        ],
      },
      errors,
    );
    expect(Object.keys(errors).sort()).toEqual(["items.1.colour", "items.1.price"]);
    expect(errors["items.1.colour"]).toBe('Line 2: "colour" is not a field of Invoice line');
    expect(errors["items.1.price"]).toMatch(/^Line 2: /);
  });

  it("does not ask a line for its parent, which the write fills in", () => {
    const errors: FieldErrors = {};
    validateLines(compiled, invoices, { items: [{ description: "no invoice key", invoice: 999 }] }, errors);
    expect(errors).toEqual({});
  });
});

describe("throwIfErrors", () => {
  it("passes when nothing is wrong", () => {
    expect(() => throwIfErrors(invoices, {})).not.toThrow();
  });

  it("answers 422 with every field's message, counting them", () => {
    const one = thrownApiError(() => throwIfErrors(invoices, { client: "required" }));
    expect([one.status, one.message]).toEqual([422, "Invoice was not saved: one field needs attention"]);
    expect(one.details).toEqual({ fields: { client: "required" } });
    const two = thrownApiError(() => throwIfErrors(invoices, { client: "required", date: "not a date" }));
    expect(two.message).toBe("Invoice was not saved: 2 fields need attention");
  });
});
