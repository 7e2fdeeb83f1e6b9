import type { Phrase } from "../i18n/words";
import type { AggregateFunction } from "./ast";
import { formulaPhrase } from "./formula-words";

/** Argument counts of the scalar functions; `max: Infinity` means variadic. */
export interface Arity {
  min: number;
  max: number;
}

export const SCALAR_FUNCTIONS: ReadonlyMap<string, Arity> = new Map<string, Arity>([
  ["if", { min: 3, max: 3 }],
  ["round", { min: 1, max: 2 }],
  ["floor", { min: 1, max: 1 }],
  ["ceil", { min: 1, max: 1 }],
  ["abs", { min: 1, max: 1 }],
  ["min", { min: 2, max: Infinity }],
  ["max", { min: 2, max: Infinity }],
  ["coalesce", { min: 1, max: Infinity }],
  ["concat", { min: 1, max: Infinity }],
  ["len", { min: 1, max: 1 }],
  ["upper", { min: 1, max: 1 }],
  ["lower", { min: 1, max: 1 }],
  ["year", { min: 1, max: 1 }],
  ["month", { min: 1, max: 1 }],
  ["day", { min: 1, max: 1 }],
  ["days_between", { min: 2, max: 2 }],
  ["add_days", { min: 2, max: 2 }],
]);

export const AGGREGATE_FUNCTIONS: readonly AggregateFunction[] = ["sum", "avg", "min", "max", "count"];

export const KNOWN_FUNCTION_NAMES: readonly string[] = [...new Set([...SCALAR_FUNCTIONS.keys(), ...AGGREGATE_FUNCTIONS])].sort();

export function isAggregateFunction(name: string): name is AggregateFunction {
  return (AGGREGATE_FUNCTIONS as readonly string[]).includes(name);
}

/** How many arguments a function takes, as a phrase for the parser's messages. */
export function arityPhrase(name: string, arity: Arity): Phrase {
  if (arity.max === Infinity) return formulaPhrase("takesOrMore", { name, min: arity.min });
  if (arity.min === arity.max) return formulaPhrase("takes", { name, count: arity.min });
  return formulaPhrase("takesRange", { name, min: arity.min, max: arity.max });
}
