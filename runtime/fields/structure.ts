import type { FieldSchema } from "../schema/types";

/**
 * Structural questions about a field: not how its values behave (that is the kind's own
 * declaration in `runtime/fields/<kind>/`), but how records hang together. As Payload keeps
 * `array` and `blocks` apart from its value types, these are the only kind names code outside
 * the registry may rely on, and only through these helpers.
 *
 * Each takes a workspace-schema property (`{"x-kind": …}`) or a compiled field (`{ kind, def }`).
 */
type FieldLike = FieldSchema | { kind: string; def: FieldSchema };

const kindOf = (field: FieldLike): string => ("def" in field && "kind" in field ? field.kind : (field as FieldSchema)["x-kind"]);
const defOf = (field: FieldLike): FieldSchema => ("def" in field && "kind" in field ? field.def : (field as FieldSchema));

/** Points at a record of another table (`x-target`), or at a user. */
export function isRelation(field: FieldLike): boolean {
  return kindOf(field) === "relation";
}

/** A relation whose records are lines of the target (invoice lines of an invoice). */
export function isComposition(field: FieldLike): boolean {
  return isRelation(field) && defOf(field)["x-composition"] === true;
}

/** The target table of a relation, or undefined. */
export function relationTarget(field: FieldLike): string | undefined {
  return isRelation(field) ? defOf(field)["x-target"] : undefined;
}

/** Computed by the engine from other fields and lines (`x-formula`), stored for lists to sort on. */
export function isFormula(field: FieldLike): boolean {
  return kindOf(field) === "formula";
}

/** Numbered by the engine when the record is saved (`x-pattern`), gap-free. */
export function isAutonumber(field: FieldLike): boolean {
  return kindOf(field) === "autonumber";
}
