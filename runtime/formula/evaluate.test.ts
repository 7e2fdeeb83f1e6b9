import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { evaluateFormula, type FormulaContext } from "./evaluate";
import { parseFormula } from "./parse";

function run(source: string, record: Record<string, unknown> = {}, lists: FormulaContext["lists"] = {}) {
  const parsed = parseFormula(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`);
  return evaluateFormula(parsed.ast, { record, lists });
}

/** Numbers as their decimal text, so a binary-float result cannot pass by accident. */
function num(source: string, record: Record<string, unknown> = {}, lists: FormulaContext["lists"] = {}) {
  const value = run(source, record, lists);
  if (value === null) return null;
  if (!(value instanceof Decimal)) throw new Error(`${source} gave ${JSON.stringify(value)}, not a number`);
  return value.toFixed();
}

describe("evaluateFormula: exact decimal arithmetic", () => {
  it.each([
    ["0.1 + 0.2", "0.3"],
    ["0.3 - 0.1", "0.2"],
    ["1.1 * 1.1", "1.21"],
    ["1 + 2 * 3", "7"],
    ["(1 + 2) * 3", "9"],
    ["10 - 4 - 3", "3"],
    ["7 % 3", "1"],
    ["-7 % 3", "-1"],
    ["-(2 - 5)", "3"],
    ["1 / 4", "0.25"],
    ["12345678901234567890.12 + 0.01", "12345678901234567890.13"],
  ])("%s = %s", (source, expected) => {
    expect(num(source)).toBe(expected);
  });

  it("returns instances of decimal.js's Decimal", () => {
    expect(run("1 + 1")).toBeInstanceOf(Decimal);
  });

  it("divides to 34 significant digits", () => {
    expect(num("1 / 3")).toBe("0." + "3".repeat(34));
  });

  it("gives null, not an exception or Infinity, for division by zero", () => {
    expect(run("1 / 0")).toBeNull();
    expect(run("5 % 0")).toBeNull();
    expect(run("a / b", { a: 3, b: "0.00" })).toBeNull();
  });

  it("reads record numbers given as JS numbers or decimal strings", () => {
    expect(num("quantity * unit_price", { quantity: 3, unit_price: "12.10" })).toBe("36.3");
    expect(num("a + b", { a: 0.1, b: "0.2" })).toBe("0.3");
  });

  it("spreads null through arithmetic, so coalesce is the idiom", () => {
    expect(run("price * (1 - discount / 100)", { price: 10, discount: null })).toBeNull();
    expect(run("-missing")).toBeNull();
    expect(num("price * (1 - coalesce(discount, 0) / 100)", { price: 10, discount: null })).toBe("10");
    expect(num("price * (1 - coalesce(discount, 0) / 100)", { price: 10, discount: 15 })).toBe("8.5");
  });

  it("gives null for arithmetic on non-numbers", () => {
    expect(run("name * 2", { name: "Ann" })).toBeNull();
    expect(run("flag + 1", { flag: true })).toBeNull();
    expect(run("obj + 1", { obj: { valueOf: () => 5 } })).toBeNull();
  });
});

describe("evaluateFormula: rounding and numeric functions", () => {
  it.each([
    ["round(2.345, 2)", "2.35"],
    ["round(-2.345, 2)", "-2.35"],
    ["round(2.5)", "3"],
    ["round(-2.5)", "-3"],
    ["round(1.005, 2)", "1.01"],
    ["round(1250, -2)", "1300"],
    ["floor(-1.5)", "-2"],
    ["ceil(1.01)", "2"],
    ["abs(-3.5)", "3.5"],
    ["min(3, 1.5, 2)", "1.5"],
    ["max(3, 1.5, 2)", "3"],
    ["min(3, missing, 2)", "2"],
  ])("%s = %s", (source, expected) => {
    expect(num(source)).toBe(expected);
  });

  it("gives null for a non-integer number of digits", () => {
    expect(run("round(1.234, 1.5)")).toBeNull();
  });
});

describe("evaluateFormula: comparisons and logic", () => {
  it.each([
    ["1 < 2", true],
    ["2 <= 2", true],
    ["0.1 + 0.2 = 0.3", true],
    ["1 != 1.0", false],
    ['"abc" < "abd"', true],
    ['"a" = "a"', true],
    ["true = true", true],
    ["1 = 1 and 2 = 3", false],
    ["1 = 1 or 2 = 3", true],
    ["not 1 = 2", true],
    ['1 = "1"', true],
    ['1 = "x"', false],
  ])("%s → %s", (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it("compares numbers with numbers from strings", () => {
    expect(run("amount >= 100", { amount: "100.00" })).toBe(true);
  });

  it("is false for comparisons with null, except = null and != null", () => {
    const record = { x: null, y: 5 };
    expect(run("x > 1", record)).toBe(false);
    expect(run("x < 1", record)).toBe(false);
    expect(run("x = 5", record)).toBe(false);
    expect(run("x = null", record)).toBe(true);
    expect(run("x != null", record)).toBe(false);
    expect(run("y = null", record)).toBe(false);
    expect(run("y != null", record)).toBe(true);
    expect(run("null = null")).toBe(true);
  });

  it("treats null as false in conditions", () => {
    expect(run('if(flag, "yes", "no")', { flag: null })).toBe("no");
    expect(run('if(flag, "yes", "no")', { flag: true })).toBe("yes");
    expect(run("flag and true", {})).toBe(false);
    expect(run("not flag", {})).toBe(true);
  });

  it("computes only the branch taken", () => {
    expect(num("if(qty > 0, total / qty, 0)", { qty: 0, total: 10 })).toBe("0");
    expect(num("if(qty > 0, total / qty, 0)", { qty: 4, total: 10 })).toBe("2.5");
  });
});

describe("evaluateFormula: child aggregates", () => {
  const lists = {
    items: [{ amount: "10.10" }, { amount: 0.2 }, { amount: null }, { amount: "30" }],
    payments: [],
  };

  it("adds exactly and skips nulls", () => {
    expect(num("sum(items.amount)", {}, lists)).toBe("40.3");
    expect(num("avg(items.amount)", {}, { items: [{ amount: "0.1" }, { amount: null }, { amount: "0.2" }] })).toBe("0.15");
    expect(num("round(avg(items.amount), 4)", {}, lists)).toBe("13.4333");
    expect(num("min(items.amount)", {}, lists)).toBe("0.2");
    expect(num("max(items.amount)", {}, lists)).toBe("30");
    expect(num("count(items)", {}, lists)).toBe("4");
  });

  it("gives 0 for sum and count and null for min/max/avg of an empty list", () => {
    expect(num("sum(payments.amount)", {}, lists)).toBe("0");
    expect(num("count(payments)", {}, lists)).toBe("0");
    expect(run("min(payments.amount)", {}, lists)).toBeNull();
    expect(run("max(payments.amount)", {}, lists)).toBeNull();
    expect(run("avg(payments.amount)", {}, lists)).toBeNull();
  });

  it("treats a list missing from the context as empty", () => {
    expect(num("sum(other.amount)", {}, lists)).toBe("0");
  });

  it("computes an invoice balance", () => {
    const invoice = { lists: { items: [{ gross: "119.00" }, { gross: "23.80" }], payments: [{ amount: "100" }] } };
    expect(num("sum(items.gross) - sum(payments.amount)", {}, invoice.lists)).toBe("42.8");
  });
});

describe("evaluateFormula: text", () => {
  it("concatenates with & and with + on two strings", () => {
    expect(run('first & " " & last', { first: "Ann", last: "Lee" })).toBe("Ann Lee");
    expect(run('"a" + "b"')).toBe("ab");
    expect(run('"No. " & 12.50')).toBe("No. 12.5");
    expect(run('concat(a, "-", b, "-", c)', { a: "x", b: null, c: 3 })).toBe("x--3");
  });

  it("treats null as empty text in concatenation", () => {
    expect(run('name & "!"', {})).toBe("!");
  });

  it("keeps number-like record text as it was typed", () => {
    expect(run('code & "/" & price', { code: "007", price: "12.50" })).toBe("007/12.50");
    expect(run("len(code)", { code: "007" })?.toString()).toBe("3");
  });

  it("has len, upper and lower", () => {
    expect(num("len(name)", { name: "Zoë" })).toBe("3");
    expect(run("upper(name)", { name: "Zoë" })).toBe("ZOË");
    expect(run("lower(name)", { name: "ÄBC" })).toBe("äbc");
    expect(run("len(name)", {})).toBeNull();
    expect(run("upper(name)", {})).toBeNull();
  });
});

describe("evaluateFormula: dates", () => {
  it("reads year, month and day", () => {
    expect(num("year(d)", { d: "2024-02-29" })).toBe("2024");
    expect(num("month(d)", { d: "2024-02-29" })).toBe("2");
    expect(num("day(d)", { d: "2024-02-29T10:00:00Z" })).toBe("29");
  });

  it("counts days between dates across a leap day", () => {
    expect(num("days_between(a, b)", { a: "2024-02-01", b: "2024-03-01" })).toBe("29");
    expect(num("days_between(b, a)", { a: "2023-02-01", b: "2023-03-01" })).toBe("-28");
  });

  it("adds days", () => {
    expect(run("add_days(issued, terms)", { issued: "2024-12-20", terms: 14 })).toBe("2025-01-03");
  });

  it("compares ISO dates as text", () => {
    expect(run("due < paid", { due: "2024-01-31", paid: "2024-02-01" })).toBe(true);
    expect(run("max(a, b)", { a: "2024-01-31", b: "2024-02-01" })).toBe("2024-02-01");
  });

  it("gives null for what is not a real date", () => {
    expect(run("year(d)", { d: "2023-02-29" })).toBeNull();
    expect(run("year(d)", { d: "soon" })).toBeNull();
    expect(run("days_between(a, b)", { a: null, b: "2024-01-01" })).toBeNull();
  });

  it("accepts Date objects in the record", () => {
    expect(num("year(d)", { d: new Date("2023-06-15T00:00:00Z") })).toBe("2023");
  });
});

describe("evaluateFormula: no property access", () => {
  it("does not reach inherited properties of the record or the lists", () => {
    expect(run("constructor")).toBeNull();
    expect(run("valueof", {})).toBeNull();
    expect(num("count(constructor)", {}, {})).toBe("0");
    expect(num("sum(items.constructor)", {}, { items: [{}] })).toBe("0");
  });

  it("reads records without a prototype", () => {
    const record = Object.create(null) as Record<string, unknown>;
    record.qty = 2;
    expect(num("qty * 2", record)).toBe("4");
  });
});
