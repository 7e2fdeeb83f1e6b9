import { describe, expect, it } from "vitest";
import { renameInFormula } from "./rename";

describe("renameInFormula", () => {
  it("renames fields and keeps spacing, case and line breaks byte for byte", () => {
    const source = "ROUND( qty*unit_price ,2)\n  + coalesce(qty,0)";
    expect(renameInFormula(source, { fields: { qty: "quantity" } })).toBe("ROUND( quantity*unit_price ,2)\n  + coalesce(quantity,0)");
  });

  it("does not rename inside string literals", () => {
    expect(renameInFormula('qty & " qty \\"qty\\""', { fields: { qty: "quantity" } })).toBe('quantity & " qty \\"qty\\""');
  });

  it("does not rename a field that merely shares a prefix", () => {
    expect(renameInFormula("net + net_total + subnet", { fields: { net: "net_amount" } })).toBe("net_amount + net_total + subnet");
  });

  it("renames lists and their fields without touching same-named own fields", () => {
    const source = "sum(items.amount) + amount + count(items) + max( items . amount )";
    expect(renameInFormula(source, { lists: { items: "lines" }, listFields: { items: { amount: "gross" } } })).toBe(
      "sum(lines.gross) + amount + count(lines) + max( lines . gross )",
    );
  });

  it("finds list-field renames under the list's new name too", () => {
    expect(renameInFormula("sum(items.amount)", { lists: { items: "lines" }, listFields: { lines: { amount: "gross" } } })).toBe(
      "sum(lines.gross)",
    );
  });

  it("does not rename a function that shares a field's name", () => {
    expect(renameInFormula("year(issued_on) + year", { fields: { year: "fiscal_year" } })).toBe("year(issued_on) + fiscal_year");
  });

  it("swaps two names without mixing them up", () => {
    expect(renameInFormula("a - b", { fields: { a: "b", b: "a" } })).toBe("b - a");
  });

  it("leaves a formula that does not parse unchanged", () => {
    expect(renameInFormula("qty +", { fields: { qty: "quantity" } })).toBe("qty +");
  });
});
