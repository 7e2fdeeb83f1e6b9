import { TYPE } from "./component-types";
import { expressionFor, type FieldFormat } from "./field-format";
import { labelInGroup, type FieldPathOption } from "./field-paths";

/** A GrapesJS component definition as plain data: what a block adds, or a type's first children. */
export interface ElementDefinition {
  type?: string;
  tagName?: string;
  classes?: string[];
  components?: string | ElementDefinition[];
  [prop: string]: unknown;
}

export function fieldChip(path: string, format: FieldFormat, options: readonly FieldPathOption[]): ElementDefinition {
  return { type: TYPE.field, expression: expressionFor(path, format, options) };
}

const labelOf = (options: readonly FieldPathOption[], path: string) => options.find((x) => x.path === path)?.label ?? path;
const requisiteLabel = (options: readonly FieldPathOption[], path: string) => {
  const option = options.find((x) => x.path === path);
  return option ? labelInGroup(option) : path;
};

/** Net, tax and grand total when the table has them, else its last three money fields. */
export function totalsPaths(options: readonly FieldPathOption[]): string[] {
  const has = (p: string) => options.some((x) => x.path === p);
  const totals = ["record.net_total", "record.tax_total", "record.total"].filter(has);
  if (totals.length) return totals;
  const money = options.filter((x) => x.path.split(".").length === 2 && x.path.startsWith("record.") && x.filter === "money");
  return money.slice(-3).map((m) => m.path);
}

/** One row per sum, labelled, the last one the grand total; then the grand total in words. */
export function totalsContent(options: readonly FieldPathOption[]): ElementDefinition[] {
  const paths = totalsPaths(options);
  if (!paths.length) return [];
  const grand = paths[paths.length - 1];
  return [
    ...paths.map((p) => ({
      tagName: "div",
      classes: p === grand ? ["tpl-total", "tpl-total--grand"] : ["tpl-total"],
      components: [{ type: "text", tagName: "span", components: labelOf(options, p) }, fieldChip(p, "auto", options)],
    })),
    { type: "text", tagName: "div", classes: ["tpl-words"], components: [fieldChip(grand, "words", options)] },
  ];
}

const REQUISITES = [
  "company.legal_name",
  "company.address_line1",
  "company.address_line2",
  "company.postcode",
  "company.city",
  "company.tax_id",
  "company.registration_number",
  "company.bank_name",
  "company.iban",
  "company.bic",
];

/** "Legal name: …", "IBAN: …": one line per requisite the company card has. */
export function requisitesContent(options: readonly FieldPathOption[]): ElementDefinition[] {
  return REQUISITES.filter((p) => options.some((x) => x.path === p)).map((p) => ({
    type: "text",
    tagName: "div",
    components: [{ type: "textnode", content: `${requisiteLabel(options, p)}: ` }, fieldChip(p, "auto", options)],
  }));
}

export function columnsContent(count: number): ElementDefinition[] {
  return Array.from({ length: count }, () => ({ type: TYPE.column }));
}
