import { isChoice, isMoney, isNumeric } from "../fields/registry";
import { relationTarget } from "../fields/structure";
import type { CompiledField, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";

/**
 * Which fields a list can be shown as a board by: one column per value. A single choice (its
 * options in their order) or a relation to users (one column per owner); pure, so the list page
 * and the records service's aggregate agree.
 */
export function isBoardGroupField(field: CompiledField): boolean {
  return isChoice(field.def) || relationTarget(field) === USERS_TABLE;
}

/**
 * The fields a board is offered by, the first being its default. A choice that is the currency of
 * the table's amounts is a unit, not a stage: deals by EUR and USD is not a pipeline, so it is
 * left out (a board by it can still be asked for).
 */
export function boardGroupFields(table: CompiledTable): CompiledField[] {
  const currencies = new Set(table.fields.map((f) => f.def["x-currency-field"]).filter((k) => typeof k === "string"));
  return table.fields.filter((f) => isBoardGroupField(f) && !currencies.has(f.key));
}

/** A money sum in one currency: amounts of different currencies are never added up. */
export interface CurrencySum {
  /** The currency (the value of the money field's currency field); null for a number without one. */
  currency: string | null;
  sum: number;
}

/** A field whose values a board column adds up: a number. */
export function isSummableField(field: CompiledField): boolean {
  return isNumeric(field.def);
}

/** The money field a board column sums by default: the first one printed as money. */
export function boardSumField(table: CompiledTable): CompiledField | undefined {
  return table.fields.find((f) => isMoney(f.def));
}
