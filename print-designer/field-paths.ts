import type { CompiledSchema, CompiledTable, CompiledField } from "@runtime/schema/compile";
import type { FieldKind, FormulaResultKind } from "@runtime/schema/types";

/** How a value prints: picks the Liquid filter (render-html.ts) a Field chip exports with. */
export type ValueKind = "text" | "money" | "number" | "percent" | "date" | "datetime" | "boolean" | "option" | "image";

/** One value a Field block can show: `record.client.name` labelled "Client › Name". */
export interface FieldPathOption {
  path: string;
  label: string;
  /** Where the picker groups it: the table, a relation ("Client"), "Company" or "Document". */
  group: string;
  kind: ValueKind;
}

const SEPARATOR = " › ";

function valueKind(kind: FieldKind | FormulaResultKind): ValueKind | null {
  switch (kind) {
    case "money":
      return "money";
    case "integer":
    case "decimal":
      return "number";
    case "percent":
      return "percent";
    case "date":
      return "date";
    case "datetime":
      return "datetime";
    case "boolean":
      return "boolean";
    case "select":
    case "multiselect":
      return "option";
    case "image":
      return "image";
    // Files and relations are not a printable value of their own; a relation is followed instead.
    case "file":
    case "relation":
      return null;
    default:
      return "text";
  }
}

export function kindOfField(field: CompiledField): ValueKind | null {
  if (field.kind === "formula") return valueKind(field.def["x-result"] ?? "text");
  return valueKind(field.kind);
}

function scalarOptions(table: CompiledTable, prefix: string, group: string, labelPrefix: string, images: boolean): FieldPathOption[] {
  const out: FieldPathOption[] = [];
  for (const field of table.fields) {
    const kind = kindOfField(field);
    if (!kind || (kind === "image" && !images)) continue;
    out.push({ path: `${prefix}.${field.key}`, label: `${labelPrefix}${field.label}`, group, kind });
  }
  return out;
}

/**
 * Every value a Field block of a template printing `tableKey` can show: the record's own fields,
 * the fields of what its relations point to (one level deep), the own company's requisites and
 * today's date. Images are left out: the Logo and Signature blocks place them.
 */
export function fieldPathOptions(compiled: CompiledSchema, tableKey: string): FieldPathOption[] {
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) return [];
  const out = scalarOptions(table, "record", table.label, "", false);
  for (const field of table.fields) {
    if (field.kind !== "relation") continue;
    const target = compiled.tablesByKey.get(field.def["x-target"] ?? "");
    if (!target) continue;
    out.push(...scalarOptions(target, `record.${field.key}`, field.label, `${field.label}${SEPARATOR}`, false));
  }
  const company = compiled.tablesByKey.get("company");
  if (company) out.push(...scalarOptions(company, "company", "Company", `Company${SEPARATOR}`, false));
  out.push({ path: "today", label: "Today's date", group: "Document", kind: "date" });
  return out;
}

/** The image fields of the company card (logo, signature …) for the image blocks. */
export function companyImageOptions(compiled: CompiledSchema): FieldPathOption[] {
  const company = compiled.tablesByKey.get("company");
  if (!company) return [];
  return company.fields
    .filter((f) => f.kind === "image")
    .map((f) => ({ path: `company.${f.key}`, label: `Company${SEPARATOR}${f.label}`, group: "Company", kind: "image" as const }));
}

/** A child table a Line-items block can repeat rows of: a list of the record, with its columns. */
export interface LineListOption {
  /** The list's name on the record, e.g. `items`. */
  list: string;
  label: string;
  columns: FieldPathOption[];
}

/**
 * Columns are paths relative to the row (`line.price`, `line.product.name`). The record's own
 * lines (composition lists) come first, so a new Line items block on a contract repeats its
 * contract lines, not whichever related list the schema happens to name first (its events).
 */
export function lineListOptions(compiled: CompiledSchema, tableKey: string): LineListOption[] {
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) return [];
  const lists = [...table.lists].sort((a, b) => Number(b.composition) - Number(a.composition));
  return lists.flatMap((list) => {
    const child = compiled.tablesByKey.get(list.table);
    if (!child) return [];
    const columns = scalarOptions(child, "line", child.label, "", false).filter((c) => c.path !== `line.${list.field}`);
    for (const field of child.fields) {
      if (field.kind !== "relation" || field.key === list.field) continue;
      const target = compiled.tablesByKey.get(field.def["x-target"] ?? "");
      if (target) columns.push(...scalarOptions(target, `line.${field.key}`, field.label, `${field.label}${SEPARATOR}`, false));
    }
    return [{ list: list.name, label: child.pluralLabel, columns }];
  });
}

/** The Liquid filter a value of this kind prints with (see render-html.ts for what exists). */
export function filterFor(kind: ValueKind, path: string): string {
  switch (kind) {
    case "money":
      return " | money";
    case "number":
      return " | number";
    case "percent":
      return " | percent";
    case "date":
    case "datetime":
      return " | date";
    case "boolean":
      return ' | replace: "true", "Yes" | replace: "false", "No"';
    case "option":
      return ` | label: "${path.split(".").slice(-1)[0]}"`;
    default:
      return "";
  }
}

/** The Liquid output tag of a field: `{{ record.due_date | date }}`. */
export function liquidOutput(path: string, kind: ValueKind): string {
  return `{{ ${path}${filterFor(kind, path)} }}`;
}

/** A readable name for a path the option list does not have (a removed field, a loop variable). */
export function fallbackLabel(path: string): string {
  return path
    .split(".")
    .filter((part, i) => !(i === 0 && (part === "record" || part === "line")))
    .map((part) => part.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()))
    .join(SEPARATOR);
}
