import { valueKindOf } from "@runtime/fields/registry";
import { relationTarget } from "@runtime/fields/structure";
import type { PrintFilter } from "@runtime/fields/types";
import type { CompiledSchema, CompiledTable, CompiledField } from "@runtime/schema/compile";
import type { Words } from "@runtime/i18n/words";
import { english } from "./words";

/** How a value prints: the Liquid filter (render-html.ts) a Field chip exports with, as its kind declares it. */
export type ValueKind = PrintFilter;

/** One value a Field block can show: `record.client.name` labelled "Client › Name". */
export interface FieldPathOption {
  path: string;
  label: string;
  /** Where the picker groups it: the table, a relation ("Client"), "Company" or "Document". */
  group: string;
  /** The Liquid filter it prints with (money, date, option…), as its field's kind declares. */
  filter: ValueKind;
}

const SEPARATOR = " › ";

/** Where a value goes on a page: a Field chip, or the Logo and Signature blocks for images. */
const PLACED_BY: Record<ValueKind, "chip" | "image block"> = {
  text: "chip",
  money: "chip",
  number: "chip",
  percent: "chip",
  date: "chip",
  datetime: "chip",
  boolean: "chip",
  option: "chip",
  image: "image block",
  display: "chip",
};

/** How the field prints (a formula as its result), or null when it is no printable value of its own. */
export function kindOfField(field: CompiledField): ValueKind | null {
  return valueKindOf(field.def).printFilter;
}

function chipOptions(table: CompiledTable, prefix: string, group: string, labelPrefix: string): FieldPathOption[] {
  const out: FieldPathOption[] = [];
  for (const field of table.fields) {
    const filter = kindOfField(field);
    if (!filter || PLACED_BY[filter] !== "chip") continue;
    out.push({ path: `${prefix}.${field.key}`, label: `${labelPrefix}${field.label}`, group, filter });
  }
  return out;
}

/** The target of a relation field, when the workspace has it. */
function targetOf(compiled: CompiledSchema, field: CompiledField): CompiledTable | undefined {
  const target = relationTarget(field);
  return target === undefined ? undefined : compiled.tablesByKey.get(target);
}

/**
 * Every value a Field block of a template printing `tableKey` can show: the record's own fields,
 * the fields of what its relations point to (one level deep), the own company's requisites and
 * today's date. Images are left out: the Logo and Signature blocks place them.
 */
export function fieldPathOptions(compiled: CompiledSchema, tableKey: string, t: Words = english): FieldPathOption[] {
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) return [];
  const out = chipOptions(table, "record", table.label, "");
  for (const field of table.fields) {
    const target = targetOf(compiled, field);
    if (target) out.push(...chipOptions(target, `record.${field.key}`, field.label, `${field.label}${SEPARATOR}`));
  }
  const company = compiled.tablesByKey.get("company");
  const companyGroup = t("printDesigner.paths.company");
  if (company) out.push(...chipOptions(company, "company", companyGroup, `${companyGroup}${SEPARATOR}`));
  out.push({ path: "today", label: t("printDesigner.paths.today"), group: t("printDesigner.paths.document"), filter: "date" });
  return out;
}

/** The image fields of the company card (logo, signature …) for the image blocks. */
export function companyImageOptions(compiled: CompiledSchema, t: Words = english): FieldPathOption[] {
  const company = compiled.tablesByKey.get("company");
  if (!company) return [];
  const group = t("printDesigner.paths.company");
  return company.fields.flatMap((f) => {
    const filter = kindOfField(f);
    return filter && PLACED_BY[filter] === "image block"
      ? [{ path: `company.${f.key}`, label: `${group}${SEPARATOR}${f.label}`, group, filter }]
      : [];
  });
}

/** An option's label without its group ("Company › Logo" → "Logo"), where the group is already said. */
export function labelInGroup(option: FieldPathOption): string {
  const prefix = `${option.group}${SEPARATOR}`;
  return option.label.startsWith(prefix) ? option.label.slice(prefix.length) : option.label;
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
    const columns = chipOptions(child, "line", child.label, "").filter((c) => c.path !== `line.${list.field}`);
    for (const field of child.fields) {
      const target = field.key === list.field ? undefined : targetOf(compiled, field);
      if (target) columns.push(...chipOptions(target, `line.${field.key}`, field.label, `${field.label}${SEPARATOR}`));
    }
    return [{ list: list.name, label: child.pluralLabel, columns }];
  });
}

/** The field's name, which the `label` and `display` filters find its definition by. */
const fieldName = (path: string) => path.split(".").slice(-1)[0];

const FILTERS: Record<ValueKind, (path: string) => string> = {
  text: () => "",
  money: () => " | money",
  number: () => " | number",
  percent: () => " | percent",
  date: () => " | date",
  datetime: () => " | date",
  boolean: () => ' | replace: "true", "Yes" | replace: "false", "No"',
  option: (path) => ` | label: "${fieldName(path)}"`,
  image: () => "",
  display: (path) => ` | display: "${fieldName(path)}"`,
};

/** The Liquid filter a value of this kind prints with (see render-html.ts for what exists). */
export function filterFor(kind: ValueKind, path: string): string {
  // A line-items column read back from a stored template may name anything: it prints as stored.
  return (Object.hasOwn(FILTERS, kind) ? FILTERS[kind] : FILTERS.text)(path);
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
