import Decimal from "decimal.js";
import type { AggregateFunction, FormulaAst } from "./ast";
import {
  FormulaDecimal,
  fromDayNumber,
  fromRecordValue,
  isBoolean,
  isDecimal,
  toDayNumber,
  toNumber,
  toText,
  type EvalValue,
} from "./values";

export interface FormulaContext {
  record: Record<string, unknown>;
  /** Rows of each related list by list name (the relation's `x-inverse`). */
  lists: Record<string, Record<string, unknown>[]>;
}

/** Reads only own properties, so no formula can reach `constructor`, `__proto__` or anything inherited. */
function ownValue(object: unknown, key: string): unknown {
  if (object === null || typeof object !== "object") return undefined;
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/**
 * Computes a formula over one record and its related lists. Never throws on data: a value of the
 * wrong type, a null operand or a division by zero gives null. Throws only on an AST that
 * parseFormula could not have produced.
 */
export function evaluateFormula(ast: FormulaAst, ctx: FormulaContext): Decimal | string | boolean | null {
  return evaluate(ast, ctx);
}

const literals = new WeakMap<FormulaAst, Decimal>();

function evaluate(node: FormulaAst, ctx: FormulaContext): EvalValue {
  switch (node.type) {
    case "number": {
      // A literal's decimal is made once per parsed formula (decimals are immutable), not once per record.
      let literal = literals.get(node);
      if (!literal) literals.set(node, (literal = new FormulaDecimal(node.value)));
      return literal;
    }
    case "string":
    case "boolean":
      return node.value;
    case "null":
      return null;
    case "field":
      return fromRecordValue(ownValue(ctx.record, node.name));
    case "unary": {
      const operand = evaluate(node.operand, ctx);
      if (node.op === "not") return operand !== true;
      return toNumber(operand)?.neg() ?? null;
    }
    case "binary":
      return evaluateBinary(node.op, node.left, node.right, ctx);
    case "call":
      return evaluateCall(node.name, node.args, ctx);
    case "aggregate":
      return aggregate(node.fn, rowsOf(ctx, node.list.name), node.field?.name ?? null);
    default:
      throw new Error(`not a formula node: ${JSON.stringify((node as { type?: unknown }).type)}`);
  }
}

function evaluateBinary(op: string, leftNode: FormulaAst, rightNode: FormulaAst, ctx: FormulaContext): EvalValue {
  // `and`/`or` treat anything but true (null included) as false, so they always give a boolean.
  if (op === "and") return evaluate(leftNode, ctx) === true && evaluate(rightNode, ctx) === true;
  if (op === "or") return evaluate(leftNode, ctx) === true || evaluate(rightNode, ctx) === true;
  const left = evaluate(leftNode, ctx);
  const right = evaluate(rightNode, ctx);
  switch (op) {
    case "&":
      return toText(left) + toText(right);
    case "+":
      if (typeof left === "string" && typeof right === "string") return left + right;
      return arithmetic(left, right, (a, b) => a.plus(b));
    case "-":
      return arithmetic(left, right, (a, b) => a.minus(b));
    case "*":
      return arithmetic(left, right, (a, b) => a.times(b));
    case "/":
      return arithmetic(left, right, (a, b) => (b.isZero() ? null : a.div(b)));
    case "%":
      return arithmetic(left, right, (a, b) => (b.isZero() ? null : a.mod(b)));
    default:
      return compare(op, left, right);
  }
}

function arithmetic(left: EvalValue, right: EvalValue, apply: (a: Decimal, b: Decimal) => Decimal | null): EvalValue {
  const a = toNumber(left);
  const b = toNumber(right);
  return a === null || b === null ? null : apply(a, b);
}

/** -1, 0, 1, or undefined when the two values cannot be compared. */
function order(left: EvalValue, right: EvalValue): number | undefined {
  if (isDecimal(left) || isDecimal(right)) {
    const a = toNumber(left);
    const b = toNumber(right);
    return a === null || b === null ? undefined : a.comparedTo(b);
  }
  if (typeof left === "string" && typeof right === "string") return left === right ? 0 : left < right ? -1 : 1;
  if (isBoolean(left) && isBoolean(right)) return left === right ? 0 : left ? 1 : -1;
  return undefined;
}

/** Null equals only null; any other comparison involving null is false. */
function compare(op: string, left: EvalValue, right: EvalValue): boolean {
  if (left === null || right === null) {
    const bothNull = left === null && right === null;
    if (op === "=") return bothNull;
    if (op === "!=") return !bothNull;
    return false;
  }
  const c = order(left, right);
  switch (op) {
    case "=":
      return c === 0;
    case "!=":
      return c !== 0;
    case "<":
      return c !== undefined && c < 0;
    case "<=":
      return c !== undefined && c <= 0;
    case ">":
      return c !== undefined && c > 0;
    case ">=":
      return c !== undefined && c >= 0;
    default:
      throw new Error(`unknown operator ${op}`);
  }
}

function rowsOf(ctx: FormulaContext, list: string): unknown[] {
  const rows = ownValue(ctx.lists, list);
  return Array.isArray(rows) ? rows : [];
}

/** Nulls and non-numbers in a list are skipped, as SQL aggregates do. */
function aggregate(fn: AggregateFunction, rows: unknown[], field: string | null): EvalValue {
  if (fn === "count") return new FormulaDecimal(rows.length);
  const numbers: Decimal[] = [];
  for (const row of rows) {
    const value = toNumber(fromRecordValue(ownValue(row, field ?? "")));
    if (value !== null) numbers.push(value);
  }
  switch (fn) {
    case "sum":
      return numbers.reduce<Decimal>((total, n) => total.plus(n), new FormulaDecimal(0));
    case "avg":
      return numbers.length === 0 ? null : numbers.reduce<Decimal>((total, n) => total.plus(n), new FormulaDecimal(0)).div(numbers.length);
    case "min":
      return numbers.length === 0 ? null : FormulaDecimal.min(...numbers);
    case "max":
      return numbers.length === 0 ? null : FormulaDecimal.max(...numbers);
  }
}

function evaluateCall(name: string, argNodes: FormulaAst[], ctx: FormulaContext): EvalValue {
  // Lazy ones first: only the branch taken is computed.
  if (name === "if") return evaluate(argNodes[evaluate(argNodes[0], ctx) === true ? 1 : 2], ctx);
  if (name === "coalesce") {
    for (const node of argNodes) {
      const value = evaluate(node, ctx);
      if (value !== null) return value;
    }
    return null;
  }
  const args = argNodes.map((node) => evaluate(node, ctx));
  const [first, second] = args;
  switch (name) {
    case "round":
      return round(first, second === undefined ? new FormulaDecimal(0) : second);
    case "floor":
      return toNumber(first)?.floor() ?? null;
    case "ceil":
      return toNumber(first)?.ceil() ?? null;
    case "abs":
      return toNumber(first)?.abs() ?? null;
    case "min":
    case "max":
      return extreme(name, args);
    case "concat":
      return args.map(toText).join("");
    case "len":
      return first === null ? null : new FormulaDecimal([...toText(first)].length);
    case "upper":
      return first === null ? null : toText(first).toUpperCase();
    case "lower":
      return first === null ? null : toText(first).toLowerCase();
    case "year":
    case "month":
    case "day":
      return datePart(name, first);
    case "days_between": {
      const from = toDayNumber(first);
      const to = toDayNumber(second);
      return from === null || to === null ? null : new FormulaDecimal(to - from);
    }
    case "add_days": {
      const day = toDayNumber(first);
      const days = toNumber(second);
      if (day === null || days === null || !days.isInteger() || days.abs().gt(3_000_000)) return null;
      return fromDayNumber(day + days.toNumber());
    }
    default:
      throw new Error(`unknown formula function ${name}`);
  }
}

/** Half away from zero, as accountants round; negative digits round to tens, hundreds, … */
function round(value: EvalValue, digitsValue: EvalValue): EvalValue {
  const x = toNumber(value);
  const digits = toNumber(digitsValue);
  if (x === null || digits === null || !digits.isInteger() || digits.abs().gt(100)) return null;
  const d = digits.toNumber();
  if (d >= 0) return x.toDecimalPlaces(d, Decimal.ROUND_HALF_UP);
  const factor = new FormulaDecimal(10).pow(-d);
  return x.div(factor).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(factor);
}

/** min/max of values, skipping nulls: numbers compare as numbers, text (and so dates) as text. */
function extreme(name: "min" | "max", args: EvalValue[]): EvalValue {
  const present = args.filter((v): v is Exclude<EvalValue, null> => v !== null);
  if (present.length === 0) return null;
  if (present.every((v) => typeof v === "string")) {
    const texts = present as string[];
    return texts.reduce((best, v) => ((name === "min" ? v < best : v > best) ? v : best));
  }
  const numbers = present.map(toNumber);
  if (numbers.some((n) => n === null)) return null;
  return name === "min" ? FormulaDecimal.min(...(numbers as Decimal[])) : FormulaDecimal.max(...(numbers as Decimal[]));
}

function datePart(part: "year" | "month" | "day", value: EvalValue): EvalValue {
  const day = toDayNumber(value);
  if (day === null) return null;
  const date = new Date(day * 86_400_000);
  const n = part === "year" ? date.getUTCFullYear() : part === "month" ? date.getUTCMonth() + 1 : date.getUTCDate();
  return new FormulaDecimal(n);
}
