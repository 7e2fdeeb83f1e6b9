import { describe, expect, it } from "vitest";
import { formulaOrder } from "./order";

describe("formulaOrder", () => {
  it("puts each formula after the formulas it reads", () => {
    const order = formulaOrder([
      { key: "gross", formula: "net + tax" },
      { key: "tax", formula: "round(net * tax_rate / 100, 2)" },
      { key: "net", formula: "round(quantity * unit_price, 2)" },
    ]);
    expect(order).toEqual(["net", "tax", "gross"]);
  });

  it("keeps the given order where there is no dependency", () => {
    expect(
      formulaOrder([
        { key: "b", formula: "x" },
        { key: "a", formula: "y" },
        { key: "c", formula: "a + b" },
      ]),
    ).toEqual(["b", "a", "c"]);
  });

  it("ignores references to child lists and plain fields", () => {
    expect(
      formulaOrder([
        { key: "balance", formula: "total - sum(payments.amount)" },
        { key: "total", formula: "sum(items.gross)" },
      ]),
    ).toEqual(["total", "balance"]);
  });

  it("names the cycle", () => {
    expect(() =>
      formulaOrder([
        { key: "gross", formula: "total * 1" },
        { key: "total", formula: "net + 1" },
        { key: "net", formula: "total - 1" },
      ]),
    ).toThrow("total → net → total");
  });

  it("names a formula that reads itself", () => {
    expect(() => formulaOrder([{ key: "total", formula: "total + 1" }])).toThrow("total → total");
  });

  it("treats a formula that does not parse as reading nothing", () => {
    expect(
      formulaOrder([
        { key: "a", formula: "b +" },
        { key: "b", formula: "a" },
      ]),
    ).toEqual(["a", "b"]);
  });
});
