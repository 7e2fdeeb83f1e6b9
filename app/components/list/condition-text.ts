import { valueClassOf } from "@runtime/fields/registry";
import type { FilterOperator, ValueClass } from "@runtime/fields/types";
import type { Words } from "@runtime/i18n/translator";
import type { Condition } from "@runtime/views/conditions";
import type { ListField } from "@runtime/views/list-page-data";

/**
 * Which operators have a name of their own per kind of value (`filters.ops.<class>.<op>`): "before"
 * reads better than "<" for a date, while numbers keep their symbols.
 */
const NAMED: Record<ValueClass, readonly FilterOperator[]> = {
  text: ["eq", "neq", "contains", "startsWith", "in"],
  number: ["eq", "neq", "lt", "lte", "gt", "gte", "between"],
  date: ["eq", "neq", "lt", "lte", "gt", "gte", "between"],
  datetime: ["eq", "neq", "lt", "lte", "gt", "gte", "between"],
  boolean: ["eq"],
  option: ["eq", "neq", "in", "notIn"],
  options: ["anyOf", "allOf"],
  reference: ["eq", "neq", "in"],
  file: [],
};

export function operatorLabel(op: FilterOperator, valueClass: ValueClass, t: Words): string {
  if (op === "isEmpty" || op === "notEmpty") return t(`filters.ops.${op}`);
  return NAMED[valueClass].includes(op) ? t(`filters.ops.${valueClass}.${op}`) : op;
}

type ValueText = (field: ListField, value: unknown, refTitles: Record<string, string>, t: Words) => string;

const optionLabel: ValueText = (field, value) => field.def["x-labels"]?.[String(value)] ?? String(value);

/** How one value of a condition reads; what is not here reads as it is written. */
const VALUE_TEXT: Partial<Record<ValueClass, ValueText>> = {
  boolean: (_field, value, _refs, t) => (value === true || value === "true" ? t("filters.yes") : t("filters.no")),
  option: optionLabel,
  options: optionLabel,
  reference: (field, value, refTitles) => refTitles[`${field.key}:${String(value)}`] ?? `#${String(value)}`,
};

function one(field: ListField, value: unknown, refTitles: Record<string, string>, t: Words): string {
  const text = VALUE_TEXT[valueClassOf(field.def)];
  return text ? text(field, value, refTitles, t) : String(value);
}

/** "Status is any of Issued, Paid"; "Due date between 2024-05-01 and 2024-05-31", in the reader's words. */
export function describeCondition(condition: Condition, field: ListField | undefined, refTitles: Record<string, string>, t: Words): string {
  if (!field) return `${condition.field} ${condition.op}`;
  const head = t("filters.condition", { field: field.label, op: operatorLabel(condition.op, valueClassOf(field.def), t) });
  const v = condition.value;
  if (v === undefined) return head;
  if (condition.op === "between" && Array.isArray(v))
    return t("filters.between", { head, from: one(field, v[0], refTitles, t), to: one(field, v[1], refTitles, t) });
  const values = Array.isArray(v)
    ? v.map((x) => one(field, x, refTitles, t)).join(t("filters.listSeparator"))
    : one(field, v, refTitles, t);
  return t("filters.withValue", { head, value: values });
}
