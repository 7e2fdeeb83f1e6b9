import { describe, expect, it } from "vitest";
import type { FormulaError } from "./ast";
import { checkFormula, type FormulaScope } from "./check";

/** The English and the position; the phrase beside them is the catalog's business (runtime/i18n/refusals.test.ts). */
const problems = (errors: FormulaError[]) => errors.map(({ message, position }) => ({ message, position }));

const invoiceLine: FormulaScope = {
  fields: {
    quantity: "decimal",
    unit_price: "money",
    discount: "percent",
    tax_rate: "percent",
    net: "formula",
    description: "text",
    invoice: "relation",
  },
  lists: {},
};
const invoice: FormulaScope = {
  fields: { number: "autonumber", issued_on: "date", due_on: "date", currency: "select" },
  lists: {
    items: { amount: "money", gross: "formula", description: "text", quantity: "decimal" },
    payments: { amount: "money", paid_on: "date" },
  },
};

describe("checkFormula", () => {
  it("accepts a valid formula", () => {
    expect(checkFormula("round(quantity * unit_price * (1 - coalesce(discount, 0) / 100), 2)", invoiceLine)).toEqual([]);
    expect(checkFormula("sum(items.gross) - sum(payments.amount) + count(items)", invoice)).toEqual([]);
  });

  it("suggests the field the user probably meant", () => {
    expect(problems(checkFormula("qty * unit_price", invoiceLine))).toEqual([
      { message: 'unknown field "qty": did you mean "quantity"?', position: 0 },
    ]);
    expect(problems(checkFormula("quantity * unit_prise", invoiceLine))).toEqual([
      { message: 'unknown field "unit_prise": did you mean "unit_price"?', position: 11 },
    ]);
    expect(checkFormula("Quantity", invoiceLine)[0].message).toContain('did you mean "quantity"?');
  });

  it("lists the fields when nothing is close", () => {
    const [error] = checkFormula("zzz + 1", invoiceLine);
    expect(error.message).toBe('unknown field "zzz": known fields: quantity, unit_price, discount, tax_rate, net, description, invoice');
  });

  it("reports every problem in source order", () => {
    const errors = checkFormula("sum(itmes.amount) + qty + sum(items.amout)", invoice);
    expect(errors.map((e) => e.position)).toEqual([4, 20, 36]);
    expect(errors[0].message).toBe('unknown related list "itmes": did you mean "items"?');
    expect(errors[1].message).toContain('unknown field "qty"');
    expect(errors[2].message).toBe('unknown field "amout" in related list "items": did you mean "amount"?');
  });

  it("refuses aggregates over fields that are not numbers", () => {
    expect(problems(checkFormula("sum(items.description)", invoice))).toEqual([
      { message: 'sum needs a number field, but "items.description" is text', position: 10 },
    ]);
    expect(checkFormula("max(payments.paid_on)", invoice)[0].message).toContain("is date");
  });

  it("explains a list used as a field and a field used as a list", () => {
    expect(checkFormula("items + 1", invoice)[0].message).toContain("count(items)");
    expect(checkFormula("count(currency)", invoice)[0].message).toContain('"currency" is a field, not a related list');
  });

  it("passes parse errors through, with their position", () => {
    expect(checkFormula("1 + foo(2)", invoice)).toEqual([
      expect.objectContaining({ position: 4, message: expect.stringContaining('unknown function "foo"') }),
    ]);
    expect(checkFormula("if(a, b)", invoice)[0].message).toBe("if takes 3 arguments; got 2");
  });

  it("does not resolve names through the prototype chain", () => {
    expect(checkFormula("constructor + count(tostring)", invoice).map((e) => e.message)).toEqual([
      expect.stringContaining('unknown field "constructor"'),
      expect.stringContaining('unknown related list "tostring"'),
    ]);
  });
});
