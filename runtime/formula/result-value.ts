import Decimal from "decimal.js";
import { holdsWholeNumbers } from "../fields/numbers";
import { fieldKinds, isFieldKind } from "../fields/registry";
import type { ValueClass } from "../fields/types";
import { fromDayNumber, isBoolean, isDecimal, toDayNumber, toText } from "./values";

export type FormulaValue = string | number | boolean | null;

/** Digits a number result keeps unless the formula says (x-scale); a whole-number result keeps none. */
const DEFAULT_SCALE = 2;

type Evaluated = Decimal | string | boolean;
type Convert = (value: Evaluated, digits: number) => FormulaValue;

/** The stored value of a result, by what the result kind's values are; a class no formula yields stores nothing. */
const CONVERT: Record<ValueClass, Convert> = {
  number: (value, digits) => {
    if (!isDecimal(value) || !value.isFinite()) return null;
    const number = value.toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toNumber();
    // -0 would print as "0" anyway, but keeps equality checks and JSON output predictable.
    return Object.is(number, -0) ? 0 : number;
  },
  text: (value) => (typeof value === "string" || isDecimal(value) ? toText(value) : null),
  boolean: (value) => (isBoolean(value) ? value : null),
  date: (value) => {
    const day = toDayNumber(typeof value === "string" ? value : null);
    return day === null ? null : fromDayNumber(day);
  },
  datetime: () => null,
  option: () => null,
  options: () => null,
  reference: () => null,
  file: () => null,
};

/**
 * Converts an evaluation result to the stored JSON value of the result kind: numbers rounded half
 * away from zero to `scale` (default 2; none for a whole-number result) as JS numbers; text as
 * string (numbers as their digits); date as 'YYYY-MM-DD'; a value of the wrong type → null.
 */
export function toResultValue(value: Evaluated | null, result: string, scale?: number): FormulaValue {
  if (value === null || !isFieldKind(result)) return null;
  const kind = fieldKinds[result];
  const digits = holdsWholeNumbers(kind) ? 0 : (validScale(scale) ?? DEFAULT_SCALE);
  return CONVERT[kind.valueClass](value, digits);
}

function validScale(scale: number | undefined): number | undefined {
  return scale !== undefined && Number.isInteger(scale) && scale >= 0 && scale <= 20 ? scale : undefined;
}
