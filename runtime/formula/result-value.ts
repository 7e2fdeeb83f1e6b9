import Decimal from "decimal.js";
import { fromDayNumber, isDecimal, toDayNumber, toText } from "./values";

export type FormulaValue = string | number | boolean | null;

const DEFAULT_SCALE: Record<string, number> = { integer: 0, decimal: 2, money: 2, percent: 2 };

/**
 * Converts an evaluation result to the stored JSON value of the result kind: numbers rounded half
 * away from zero to `scale` (default 2 for money/decimal/percent, 0 for integer) as JS numbers;
 * text as string (numbers as their digits); date as 'YYYY-MM-DD'; a value of the wrong type → null.
 */
export function toResultValue(value: Decimal | string | boolean | null, result: string, scale?: number): FormulaValue {
  if (value === null) return null;
  switch (result) {
    case "integer":
    case "decimal":
    case "money":
    case "percent": {
      if (!isDecimal(value) || !value.isFinite()) return null;
      const digits = result === "integer" ? 0 : (validScale(scale) ?? DEFAULT_SCALE[result]);
      const number = value.toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toNumber();
      // -0 would print as "0" anyway, but keeps equality checks and JSON output predictable.
      return Object.is(number, -0) ? 0 : number;
    }
    case "text":
      return typeof value === "string" || isDecimal(value) ? toText(value) : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    case "date": {
      const day = toDayNumber(typeof value === "string" ? value : null);
      return day === null ? null : fromDayNumber(day);
    }
    default:
      return null;
  }
}

function validScale(scale: number | undefined): number | undefined {
  return scale !== undefined && Number.isInteger(scale) && scale >= 0 && scale <= 20 ? scale : undefined;
}
