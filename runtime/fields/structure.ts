import type { FieldSchema } from "../schema/types";

/**
 * Structural questions about a field: not how its values behave (that is the kind's own
 * declaration in `runtime/fields/<kind>/`), but how records hang together. As Payload keeps
 * `array` and `blocks` apart from its value types, these are the only kind names code outside
 * the registry may rely on, and only through these helpers.
 *
 * Each takes a workspace-schema property (`{"x-kind": …}`), a compiled field (`{ kind, def }`), an
 * unchecked definition the workspace validator walks (`def` as plain JSON), or a kind alone
 * (`{ kind }`) for the questions the kind answers by itself.
 */
type FieldLike = FieldSchema | { kind: string | undefined; def?: FieldSchema | Record<string, unknown> };

const kindOf = (field: FieldLike): string | undefined => ("x-kind" in field ? field["x-kind"] : field.kind);
const defOf = (field: FieldLike): Record<string, unknown> | undefined =>
  "x-kind" in field ? (field as unknown as Record<string, unknown>) : (field.def as Record<string, unknown> | undefined);

/** Points at a record of another table (`x-target`), or at a user. */
export function isRelation(field: FieldLike): boolean {
  return kindOf(field) === "relation";
}

/** A relation whose records are lines of the target (invoice lines of an invoice). */
export function isComposition(field: FieldLike): boolean {
  return isRelation(field) && defOf(field)?.["x-composition"] === true;
}

/** The target table of a relation, or undefined. */
export function relationTarget(field: FieldLike): string | undefined {
  const target = isRelation(field) ? defOf(field)?.["x-target"] : undefined;
  return typeof target === "string" ? target : undefined;
}

/** The related list a relation makes on its target (`x-inverse`: `items` on invoices), or undefined. */
export function relationList(field: FieldLike): string | undefined {
  const list = isRelation(field) ? defOf(field)?.["x-inverse"] : undefined;
  return typeof list === "string" ? list : undefined;
}

/**
 * What picking a record fills in (`x-fill`: this table's field → the picked record's field, e.g.
 * an invoice line's description, unit, price and tax rate from its product), or undefined.
 */
export function relationFill(field: FieldLike): Record<string, string> | undefined {
  const fill = isRelation(field) ? defOf(field)?.["x-fill"] : undefined;
  if (typeof fill !== "object" || fill === null || Array.isArray(fill)) return undefined;
  const pairs = Object.entries(fill).filter((e): e is [string, string] => typeof e[1] === "string");
  return pairs.length ? Object.fromEntries(pairs) : undefined;
}

/** Computed by the engine from other fields and lines (`x-formula`), stored for lists to sort on. */
export function isFormula(field: FieldLike): boolean {
  return kindOf(field) === "formula";
}

/** The expression of a formula field, or undefined. */
export function formulaSource(field: FieldLike): string | undefined {
  const source = isFormula(field) ? defOf(field)?.["x-formula"] : undefined;
  return typeof source === "string" ? source : undefined;
}

/** Numbered by the engine when the record is saved (`x-pattern`), gap-free. */
export function isAutonumber(field: FieldLike): boolean {
  return kindOf(field) === "autonumber";
}

/** The order of a composition's lines: a whole-number field keyed `position`, which a card numbers 1, 2, 3 as its lines stand. */
export function isLinePosition(field: { key: string; kind: string }): boolean {
  return field.key === "position" && field.kind === "integer";
}
