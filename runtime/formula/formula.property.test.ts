import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkFormula } from "./check";
import { evaluateFormula } from "./evaluate";
import { parseFormula } from "./parse";
import { renameInFormula } from "./rename";

/** The reference: decimal.js used directly, with the precision and rounding formulas promise. */
const Reference = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP });

type Op = "+" | "-" | "*" | "/" | "%";
type Expr =
  | { kind: "literal"; text: string; asField: "no" | "number" | "string" }
  | { kind: "neg"; operand: Expr }
  | { kind: "binary"; op: Op; left: Expr; right: Expr; space: string };

const smallDecimal = fc
  .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 3 }))
  .map(([n, scale]) => new Reference(n).div(10 ** scale).toFixed());

const { expr } = fc.letrec<{ expr: Expr; leaf: Expr; node: Expr }>((tie) => ({
  leaf: fc.record({
    kind: fc.constant("literal" as const),
    text: smallDecimal,
    asField: fc.constantFrom("no" as const, "number" as const, "string" as const),
  }),
  node: fc.oneof(
    fc.record({ kind: fc.constant("neg" as const), operand: tie("expr") }),
    fc.record({
      kind: fc.constant("binary" as const),
      op: fc.constantFrom<Op>("+", "-", "*", "/", "%"),
      left: tie("expr"),
      right: tie("expr"),
      space: fc.constantFrom("", " ", "  ", "\n"),
    }),
  ),
  expr: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("leaf"), tie("node")),
}));

const precedenceOf = (e: Expr) => (e.kind === "literal" ? 9 : e.kind === "neg" ? 8 : e.op === "+" || e.op === "-" ? 6 : 7);

/** Source text with only the parentheses precedence needs, and the record its fields read. */
function render(e: Expr, record: Record<string, unknown>): string {
  const wrap = (child: Expr, needed: boolean) => (needed ? `(${render(child, record)})` : render(child, record));
  switch (e.kind) {
    case "literal": {
      if (e.asField === "no") return e.text;
      const key = `f${Object.keys(record).length}`;
      record[key] = e.asField === "number" ? Number(e.text) : e.text;
      return key;
    }
    case "neg":
      return `-${wrap(e.operand, precedenceOf(e.operand) < 8)}`;
    case "binary": {
      const p = precedenceOf(e);
      return `${wrap(e.left, precedenceOf(e.left) < p)}${e.space}${e.op}${e.space}${wrap(e.right, precedenceOf(e.right) <= p)}`;
    }
  }
}

function reference(e: Expr): Decimal | null {
  if (e.kind === "literal") return new Reference(e.text);
  if (e.kind === "neg") return reference(e.operand)?.neg() ?? null;
  const a = reference(e.left);
  const b = reference(e.right);
  if (a === null || b === null) return null;
  switch (e.op) {
    case "+":
      return a.plus(b);
    case "-":
      return a.minus(b);
    case "*":
      return a.times(b);
    case "/":
      return b.isZero() ? null : a.div(b);
    case "%":
      return b.isZero() ? null : a.mod(b);
  }
}

const formulaLike = fc
  .array(
    fc.constantFrom(
      "(",
      ")",
      ",",
      ".",
      "+",
      "-",
      "*",
      "/",
      "%",
      "&",
      "=",
      "!=",
      "<",
      ">=",
      "!",
      '"',
      "\\",
      " ",
      "\n",
      "1",
      "0.5",
      ".",
      "sum",
      "SUM",
      "count",
      "min",
      "max",
      "if",
      "round",
      "year",
      "add_days",
      "concat",
      "len",
      "items",
      "amount",
      "qty",
      "x",
      "_",
      "and",
      "or",
      "not",
      "null",
      "true",
      "é",
      "😀",
      "'",
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("formula properties", () => {
  it("evaluates random arithmetic exactly as decimal.js does", () => {
    fc.assert(
      fc.property(expr, (e) => {
        const record: Record<string, unknown> = {};
        const source = render(e, record);
        const parsed = parseFormula(source);
        if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`);
        const actual = evaluateFormula(parsed.ast, { record, lists: {} });
        const expected = reference(e);
        if (expected === null) {
          expect(actual).toBeNull();
        } else {
          expect(actual).toBeInstanceOf(Decimal);
          expect((actual as Decimal).toFixed(), source).toBe(expected.toFixed());
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never throws from parseFormula on any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), formulaLike), (source) => {
        const parsed = parseFormula(source);
        if (!parsed.ok) {
          expect(parsed.error.position).toBeGreaterThanOrEqual(0);
          expect(parsed.error.position).toBeLessThanOrEqual(source.length);
          expect(parsed.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("evaluates, checks and renames whatever parses without throwing", () => {
    const value = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.string(), smallDecimal, fc.constant("2024-02-29"));
    fc.assert(
      fc.property(formulaLike, value, value, (source, a, b) => {
        const parsed = parseFormula(source);
        if (!parsed.ok) return;
        const record = { x: a, qty: b, amount: a };
        const lists = { items: [{ amount: a }, { amount: b }, {}] };
        evaluateFormula(parsed.ast, { record, lists });
        checkFormula(source, { fields: { x: "decimal" }, lists: { items: { amount: "money" } } });
        expect(renameInFormula(source, {})).toBe(source);
        renameInFormula(source, { fields: { x: "y", qty: "quantity" }, lists: { items: "lines" } });
      }),
      { numRuns: 3000 },
    );
  });
});
