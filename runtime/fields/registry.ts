import { FIELD_KINDS, type FieldKind, type FieldSchema } from "../schema/types";
import type { FieldKindDef, FilterOperator, ValueClass } from "./types";
import { autonumberKind } from "./autonumber";
import { booleanKind } from "./boolean";
import { dateKind } from "./date";
import { datetimeKind } from "./datetime";
import { decimalKind } from "./decimal";
import { emailKind } from "./email";
import { fileKind } from "./file";
import { formulaKind, formulaResultKind } from "./formula";
import { imageKind } from "./image";
import { integerKind } from "./integer";
import { longtextKind } from "./longtext";
import { moneyKind } from "./money";
import { multiselectKind } from "./multiselect";
import { percentKind } from "./percent";
import { phoneKind } from "./phone";
import { ratingKind } from "./rating";
import { relationKind } from "./relation";
import { selectKind } from "./select";
import { textKind } from "./text";
import { urlKind } from "./url";

/** Every field kind; a kind in FIELD_KINDS without an entry here does not compile. */
export const fieldKinds: { readonly [K in FieldKind]: FieldKindDef & { kind: K } } = {
  text: textKind,
  longtext: longtextKind,
  integer: integerKind,
  decimal: decimalKind,
  money: moneyKind,
  percent: percentKind,
  rating: ratingKind,
  boolean: booleanKind,
  date: dateKind,
  datetime: datetimeKind,
  email: emailKind,
  phone: phoneKind,
  url: urlKind,
  select: selectKind,
  multiselect: multiselectKind,
  relation: relationKind,
  autonumber: autonumberKind,
  file: fileKind,
  image: imageKind,
  formula: formulaKind,
};

export function isFieldKind(kind: string): kind is FieldKind {
  return (FIELD_KINDS as readonly string[]).includes(kind);
}

export function getFieldKind(kind: string): FieldKindDef {
  if (!isFieldKind(kind)) {
    throw new Error(`Unknown field kind "${kind}": use one of ${FIELD_KINDS.join(", ")}`);
  }
  return fieldKinds[kind];
}

/** The kind that decides a field's values: a formula's result kind, otherwise the field's own. */
export function valueKindOf(field: FieldSchema): FieldKindDef {
  return field["x-kind"] === "formula" ? formulaResultKind(field) : getFieldKind(field["x-kind"]);
}

/** What a field's values are; a formula's are its result's. */
export function valueClassOf(field: FieldSchema): ValueClass {
  return valueKindOf(field).valueClass;
}

/** Filter operators for one field; unlike `FieldKindDef.filterOperators` this follows a formula's x-result. */
export function filterOperatorsFor(field: FieldSchema): readonly FilterOperator[] {
  return valueKindOf(field).filterOperators;
}

/** Its values are email addresses (a client's, a contact's): where a card's *Send by email* looks for a recipient. */
export function holdsEmailAddress(field: FieldSchema): boolean {
  return valueKindOf(field).valueSchema(field).format === "email";
}

/** Its values are stored files (a file or an image), which prints, exports and rights follow to `crm_files`. */
export function holdsFiles(field: { kind: FieldKind }): boolean {
  return fieldKinds[field.kind].valueClass === "file";
}

/** Its values are days on a calendar: a date, a date and time, or a formula giving one. */
export function isDated(field: FieldSchema): boolean {
  const valueClass = valueClassOf(field);
  return valueClass === "date" || valueClass === "datetime";
}

/** Its values are numbers: they add up (a board column's sum, a report's total) and align right. */
export function isNumeric(field: FieldSchema): boolean {
  return valueClassOf(field) === "number";
}

/** Its values are amounts of money: summed per currency, printed with one. */
export function isMoney(field: FieldSchema): boolean {
  return isNumeric(field) && valueKindOf(field).printFilter === "money";
}

/** Its values carry a time of day besides the day (and so depend on a time zone to fall on one). */
export function hasTimeOfDay(field: FieldSchema): boolean {
  return valueClassOf(field) === "datetime";
}

/**
 * A report can group by it: one value per record that reads as one category — not long text,
 * files or a set of options.
 */
export function isGroupable(field: FieldSchema): boolean {
  const kind = valueKindOf(field);
  return kind.shortValue && kind.valueClass !== "file" && kind.valueClass !== "options";
}

/** It reads well in a list column: not long text, not a file. */
export function isListable(kind: FieldKind): boolean {
  return fieldKinds[kind].shortValue && fieldKinds[kind].valueClass !== "file";
}

/** How early a list nobody has set up shows it (see FieldKindDef.listTier). */
export function listTierOf(kind: FieldKind): 0 | 1 | 2 | null {
  return fieldKinds[kind].listTier;
}

/** Its values are one of a listed set (a choice): they sort in the order the field lists them. */
export function isChoice(field: FieldSchema): boolean {
  return valueClassOf(field) === "option";
}

/** Its values are yes or no. */
export function isYesNo(field: FieldSchema): boolean {
  return valueClassOf(field) === "boolean";
}

/** Its stored value is a code a person reads through a label (a choice's option, yes/no): reports show the label. */
export function readsAsLabel(field: FieldSchema): boolean {
  return isChoice(field) || isYesNo(field);
}

/**
 * A stranger may type it on a public web form: not computed (read-only), not a link to other
 * records (a picker would search records the visitor may not see), not a file (an upload needs a
 * signed-in owner).
 */
export function typableByVisitor(field: { kind: FieldKind }): boolean {
  const kind = fieldKinds[field.kind];
  return !kind.readOnly && kind.valueClass !== "reference" && kind.valueClass !== "file";
}

/** Its values point at another record (a relation). */
export function isReference(field: FieldSchema): boolean {
  return valueClassOf(field) === "reference";
}
