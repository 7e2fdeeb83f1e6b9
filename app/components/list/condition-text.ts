import type { FilterOperator } from "@runtime/fields/types";
import type { FieldKind } from "@runtime/schema/types";
import type { Condition } from "@runtime/views/conditions";
import type { ListField } from "@runtime/views/list-page-data";
import { valueKindOf as registryValueKind } from "@runtime/fields/registry";

export type ValueKind = "text" | "number" | "date" | "datetime" | "boolean" | "select" | "multiselect" | "relation";

const NUMBER_KINDS: ReadonlySet<FieldKind> = new Set(["integer", "decimal", "money", "percent"]);

/** What kind of value a condition on this field takes; a formula takes its result's. */
export function valueKindOf(field: Pick<ListField, "kind" | "def">): ValueKind {
  const kind = registryValueKind(field.def).kind;
  if (NUMBER_KINDS.has(kind)) return "number";
  if (kind === "date" || kind === "datetime" || kind === "boolean" || kind === "select" || kind === "multiselect" || kind === "relation")
    return kind;
  return "text";
}

const LABELS: Record<ValueKind, Partial<Record<FilterOperator, string>>> = {
  text: { eq: "is", neq: "is not", contains: "contains", startsWith: "starts with", in: "is one of" },
  number: { eq: "=", neq: "≠", lt: "<", lte: "≤", gt: ">", gte: "≥", between: "between" },
  date: { eq: "is on", neq: "is not on", lt: "before", lte: "on or before", gt: "after", gte: "on or after", between: "between" },
  datetime: { eq: "is at", neq: "is not at", lt: "before", lte: "at or before", gt: "after", gte: "at or after", between: "between" },
  boolean: { eq: "is" },
  select: { eq: "is", neq: "is not", in: "is any of", notIn: "is none of" },
  multiselect: { anyOf: "has any of", allOf: "has all of" },
  relation: { eq: "is", neq: "is not", in: "is any of" },
};

export function operatorLabel(op: FilterOperator, kind: ValueKind): string {
  if (op === "isEmpty") return "is empty";
  if (op === "notEmpty") return "is not empty";
  return LABELS[kind][op] ?? op;
}

function one(field: ListField, value: unknown, refTitles: Record<string, string>): string {
  const kind = valueKindOf(field);
  if (kind === "boolean") return value === true || value === "true" ? "yes" : "no";
  if (kind === "select" || kind === "multiselect") return field.def["x-labels"]?.[String(value)] ?? String(value);
  if (kind === "relation") return refTitles[`${field.key}:${String(value)}`] ?? `#${String(value)}`;
  return String(value);
}

/** "Status is any of Issued, Paid"; "Due date between 2024-05-01 and 2024-05-31". */
export function describeCondition(condition: Condition, field: ListField | undefined, refTitles: Record<string, string> = {}): string {
  if (!field) return `${condition.field} ${condition.op}`;
  const kind = valueKindOf(field);
  const head = `${field.label} ${operatorLabel(condition.op, kind)}`;
  const v = condition.value;
  if (v === undefined) return head;
  if (condition.op === "between" && Array.isArray(v)) return `${head} ${one(field, v[0], refTitles)} and ${one(field, v[1], refTitles)}`;
  if (Array.isArray(v)) return `${head} ${v.map((x) => one(field, x, refTitles)).join(", ")}`;
  return `${head} ${one(field, v, refTitles)}`;
}
