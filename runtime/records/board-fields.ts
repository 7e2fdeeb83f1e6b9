import { valueClassOf, valueKindOf } from "../fields/registry";
import { relationTarget } from "../fields/structure";
import type { CompiledField, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";

/**
 * Which fields a list can be shown as a board by: one column per value. A single choice (its
 * options in their order) or a relation to users (one column per owner); pure, so the list page
 * and the records service's aggregate agree.
 */
export function isBoardGroupField(field: CompiledField): boolean {
  return valueClassOf(field.def) === "option" || relationTarget(field) === USERS_TABLE;
}

export function boardGroupFields(table: CompiledTable): CompiledField[] {
  return table.fields.filter(isBoardGroupField);
}

/** A field whose values a board column adds up: a number. */
export function isSummableField(field: CompiledField): boolean {
  return valueClassOf(field.def) === "number";
}

/** The money field a board column sums by default: the first one printed as money. */
export function boardSumField(table: CompiledTable): CompiledField | undefined {
  return table.fields.find((f) => isSummableField(f) && valueKindOf(f.def).printFilter === "money");
}
