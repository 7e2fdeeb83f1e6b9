import { describe, expect, it } from "vitest";
import type { FormulaAst } from "./ast";
import { formulaDependencies } from "./dependencies";
import { parseFormula } from "./parse";

function ast(source: string): FormulaAst {
  const parsed = parseFormula(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message} at ${parsed.error.position}`);
  return parsed.ast;
}

/** The tree as a fully parenthesized string, to assert on structure without positions. */
function shape(node: FormulaAst): string {
  switch (node.type) {
    case "number":
      return node.value;
    case "string":
      return JSON.stringify(node.value);
    case "boolean":
      return String(node.value);
    case "null":
      return "null";
    case "field":
      return node.name;
    case "unary":
      return `(${node.op} ${shape(node.operand)})`;
    case "binary":
      return `(${shape(node.left)} ${node.op} ${shape(node.right)})`;
    case "call":
      return `${node.name}(${node.args.map(shape).join(", ")})`;
    case "aggregate":
      return `${node.fn}[${node.list.name}${node.field ? `.${node.field.name}` : ""}]`;
  }
}

function error(source: string) {
  const parsed = parseFormula(source);
  if (parsed.ok) throw new Error(`${source} parsed but should not`);
  return parsed.error;
}

describe("parseFormula: precedence and associativity", () => {
  it.each([
    ["1 + 2 * 3", "(1 + (2 * 3))"],
    ["(1 + 2) * 3", "((1 + 2) * 3)"],
    ["10 - 4 - 3", "((10 - 4) - 3)"],
    ["8 / 4 / 2", "((8 / 4) / 2)"],
    ["7 % 4 * 2", "((7 % 4) * 2)"],
    ["-a * b", "((- a) * b)"],
    ["- -1", "(- (- 1))"],
    ["a - -b", "(a - (- b))"],
    ['a & "x" + b', '(a & ("x" + b))'],
    ["a + 1 = b * 2", "((a + 1) = (b * 2))"],
    ["a = 1 or b = 2 and c = 3", "((a = 1) or ((b = 2) and (c = 3)))"],
    ["not a = b", "(not (a = b))"],
    ["not a and b", "((not a) and b)"],
    ["a >= 1 AND NOT b", "((a >= 1) and (not b))"],
    ["a != null", "(a != null)"],
    ["TRUE or False", "(true or false)"],
    [".5 + 12", "(0.5 + 12)"],
  ])("%s", (source, expected) => {
    expect(shape(ast(source))).toBe(expected);
  });

  it("reads function names case-insensitively and keeps field names as written", () => {
    expect(shape(ast("ROUND(Coalesce(discount, 0), 2)"))).toBe("round(coalesce(discount, 0), 2)");
  });

  it("tells aggregates from scalar min/max by their arguments", () => {
    expect(shape(ast("sum(items.amount) + count(items)"))).toBe("(sum[items.amount] + count[items])");
    expect(shape(ast("MAX(items.amount)"))).toBe("max[items.amount]");
    expect(shape(ast("max(a, b, 3)"))).toBe("max(a, b, 3)");
    expect(shape(ast("sum( items . amount )"))).toBe("sum[items.amount]");
  });

  it("treats a field named like a function as a field when it is not called", () => {
    expect(shape(ast("year + month(date)"))).toBe("(year + month(date))");
  });

  it("records where each reference starts", () => {
    const node = ast("  qty * sum(items.amount)");
    expect(node).toMatchObject({
      type: "binary",
      position: 6,
      left: { type: "field", name: "qty", position: 2 },
      right: { type: "aggregate", position: 8, list: { name: "items", position: 12 }, field: { name: "amount", position: 18 } },
    });
  });

  it("produces plain data that survives JSON", () => {
    const node = ast('if(a > 1, "x", concat(b, sum(items.c)))');
    expect(JSON.parse(JSON.stringify(node))).toEqual(node);
  });
});

describe("parseFormula: strings", () => {
  it('unescapes \\" and \\\\', () => {
    expect(ast('"say \\"hi\\" \\\\ bye"')).toMatchObject({ type: "string", value: 'say "hi" \\ bye' });
  });

  it("keeps operators and keywords inside strings as text", () => {
    expect(ast('"a + b and not (c)"')).toMatchObject({ type: "string", value: "a + b and not (c)" });
  });

  it("rejects other escapes where they are", () => {
    expect(error('"ab\\n"')).toMatchObject({ position: 3, message: expect.stringContaining("escape") });
  });

  it("reports an unterminated string at its opening quote", () => {
    expect(error('x & "abc')).toMatchObject({ position: 4, message: expect.stringContaining("unterminated") });
  });

  it("explains single quotes", () => {
    expect(error("'abc'")).toMatchObject({ position: 0, message: expect.stringContaining("double quotes") });
  });
});

describe("parseFormula: errors with positions", () => {
  it.each([
    ["", 0, "empty"],
    ["   ", 0, "empty"],
    ["1 +", 3, "unexpected end"],
    ["1 + * 2", 4, 'unexpected "*"'],
    ["(1 + 2", 0, 'missing ")"'],
    ["round(1, 2", 0, 'missing ")"'],
    ["1 + 2)", 5, 'unmatched ")"'],
    ["a b", 2, 'unexpected "b"'],
    ["a == b", 2, 'use "="'],
    ["a <> b", 2, '"!="'],
    ["a = b = c", 6, "chained"],
    ["1.", 2, "digits after the decimal point"],
    ["12abc", 2, "after the number"],
    ["a # b", 2, 'unexpected character "#"'],
    ["a and", 5, "unexpected end"],
    ["and", 0, 'unexpected "and"'],
  ])("%j fails at %i", (source, position, message) => {
    const e = error(source);
    expect(e.position).toBe(position);
    expect(e.message).toContain(message);
  });

  it("names the unknown function, suggests one and lists the known ones", () => {
    const e = error("1 + sume(items.amount)");
    expect(e.position).toBe(4);
    expect(e.message).toContain('unknown function "sume"');
    expect(e.message).toContain('did you mean "sum"?');
    expect(e.message).toContain("days_between");
  });

  it("checks argument counts", () => {
    expect(error("if(a, b)")).toMatchObject({ position: 0, message: "if takes 3 arguments; got 2" });
    expect(error("x + round(1, 2, 3)")).toMatchObject({ position: 4, message: expect.stringContaining("1 to 2") });
    expect(error("len()").message).toContain("len takes 1 argument");
    expect(error("min(a)").message).toContain("min(items.amount)");
  });

  it("allows list.field only inside aggregates", () => {
    expect(error("items.amount * 2")).toMatchObject({ position: 0, message: expect.stringContaining("sum(items.amount)") });
    expect(error("round(items.amount, 2)").message).toContain("related list");
    expect(error("sum(amount)").message).toContain("sum(items.amount)");
    expect(error("sum(items.amount * 2)").message).toContain("sum takes a field of a related list");
    expect(error("count(items.amount)").message).toContain("count(items)");
    expect(error("count(1)").message).toContain("count(items)");
  });

  it("refuses nesting deep enough to exhaust the stack instead of throwing", () => {
    const deep = "(".repeat(5000) + "1" + ")".repeat(5000);
    expect(error(deep).message).toContain("nested too deeply");
    expect(error("-".repeat(5000) + "1").message).toContain("nested too deeply");
  });
});

describe("formulaDependencies", () => {
  it("lists own fields once in order of use and child lists with their fields", () => {
    const deps = formulaDependencies(
      ast(
        "round(quantity * unit_price * (1 - coalesce(discount, 0) / 100), 2) + quantity + sum(items.amount) + max(items.tax) + count(payments)",
      ),
    );
    expect(deps).toEqual({
      fields: ["quantity", "unit_price", "discount"],
      children: [
        { list: "items", fields: ["amount", "tax"] },
        { list: "payments", fields: [] },
      ],
    });
  });
});
