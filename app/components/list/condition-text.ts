import { valueClassOf } from "@runtime/fields/registry";
import type { FilterOperator, ValueClass } from "@runtime/fields/types";
import type { Condition } from "@runtime/views/conditions";
import type { ListField } from "@runtime/views/list-page-data";

const LABELS: Record<ValueClass, Partial<Record<FilterOperator, string>>> = {
  text: { eq: "is", neq: "is not", contains: "contains", startsWith: "starts with", in: "is one of" },
  number: { eq: "=", neq: "≠", lt: "<", lte: "≤", gt: ">", gte: "≥", between: "between" },
  date: { eq: "is on", neq: "is not on", lt: "before", lte: "on or before", gt: "after", gte: "on or after", between: "between" },
  datetime: { eq: "is at", neq: "is not at", lt: "before", lte: "at or before", gt: "after", gte: "at or after", between: "between" },
  boolean: { eq: "is" },
  option: { eq: "is", neq: "is not", in: "is any of", notIn: "is none of" },
  options: { anyOf: "has any of", allOf: "has all of" },
  reference: { eq: "is", neq: "is not", in: "is any of" },
  file: {},
};

export function operatorLabel(op: FilterOperator, valueClass: ValueClass): string {
  if (op === "isEmpty") return "is empty";
  if (op === "notEmpty") return "is not empty";
  return LABELS[valueClass][op] ?? op;
}

type ValueText = (field: ListField, value: unknown, refTitles: Record<string, string>) => string;

const optionLabel: ValueText = (field, value) => field.def["x-labels"]?.[String(value)] ?? String(value);

/** How one value of a condition reads; what is not here reads as it is written. */
const VALUE_TEXT: Partial<Record<ValueClass, ValueText>> = {
  boolean: (_field, value) => (value === true || value === "true" ? "yes" : "no"),
  option: optionLabel,
  options: optionLabel,
  reference: (field, value, refTitles) => refTitles[`${field.key}:${String(value)}`] ?? `#${String(value)}`,
};

function one(field: ListField, value: unknown, refTitles: Record<string, string>): string {
  const text = VALUE_TEXT[valueClassOf(field.def)];
  return text ? text(field, value, refTitles) : String(value);
}

/** "Status is any of Issued, Paid"; "Due date between 2024-05-01 and 2024-05-31". */
export function describeCondition(condition: Condition, field: ListField | undefined, refTitles: Record<string, string> = {}): string {
  if (!field) return `${condition.field} ${condition.op}`;
  const head = `${field.label} ${operatorLabel(condition.op, valueClassOf(field.def))}`;
  const v = condition.value;
  if (v === undefined) return head;
  if (condition.op === "between" && Array.isArray(v)) return `${head} ${one(field, v[0], refTitles)} and ${one(field, v[1], refTitles)}`;
  if (Array.isArray(v)) return `${head} ${v.map((x) => one(field, x, refTitles)).join(", ")}`;
  return `${head} ${one(field, v, refTitles)}`;
}
