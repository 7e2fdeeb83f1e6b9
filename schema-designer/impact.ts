import { compileSchema } from "@runtime/schema/compile";
import { templateProblems } from "@runtime/print/references";
import type { PrintTemplate } from "@runtime/print/template";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { getField } from "./shared";
import { usesOfField } from "./remove-field";
import type { Words } from "@runtime/i18n/words";
import { english } from "./words";

export interface ImpactInput {
  schema: WorkspaceSchema;
  table: string;
  /** The field's key. */
  field: string;
  /** Card layout of each table, by table key. */
  layouts: Record<string, unknown>;
  views: { id: string; name: string; tableId: string; state: unknown }[];
  templates: { id: string; name: string; table: string; html: string }[];
}

export interface FieldImpact {
  /** Keys of the tables whose card layout shows the field. */
  layouts: string[];
  /** Names of the saved views that show, sort or filter by it. */
  views: string[];
  /** Names of the print templates that print it. */
  templates: string[];
  /** Formulas that read it, as `table.field`. */
  formulas: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Controls point by `x-field`; related lists name their columns by id. */
function layoutUses(node: unknown, id: string): boolean {
  if (Array.isArray(node)) return node.some((n) => layoutUses(n, id));
  if (!isObject(node)) return false;
  if (node["x-field"] === id) return true;
  if (node.type === "RelatedList" && Array.isArray(node.columns) && node.columns.includes(id)) return true;
  return Object.values(node).some((v) => typeof v === "object" && layoutUses(v, id));
}

/** Any `field` leaf of a filter, however nested its and/or groups. */
function filterUses(node: unknown, id: string): boolean {
  if (Array.isArray(node)) return node.some((n) => filterUses(n, id));
  if (!isObject(node)) return false;
  if (node.field === id) return true;
  return Object.values(node).some((v) => typeof v === "object" && filterUses(v, id));
}

function viewUses(state: unknown, id: string): boolean {
  if (!isObject(state)) return false;
  if (Array.isArray(state.columns) && state.columns.includes(id)) return true;
  if (typeof state.sort === "string" && state.sort.split(",").some((part) => part.replace(/^-/, "") === id)) return true;
  return filterUses(state.filter, id);
}

/**
 * What refers to a field outside the schema (layouts and views by id, templates by key) and
 * inside it (formulas), for the review before a rename, kind change or removal.
 */
export function impactOfFieldChange(input: ImpactInput): FieldImpact {
  const { schema, table, field } = input;
  const def = getField(schema, table, field);
  const id = def["x-id"];
  const tableId = schema.$defs[table]["x-id"];

  const layouts = Object.entries(input.layouts)
    .filter(([, layout]) => layoutUses(layout, id))
    .map(([key]) => key);
  const views = input.views.filter((v) => v.tableId === tableId && viewUses(v.state, id)).map((v) => v.name);

  // A template uses the field exactly when it would break without it: this follows relations,
  // loops over related lists and `company`, as the template checker does.
  const without = structuredClone(schema);
  delete without.$defs[table].properties[field];
  const compiled = compileSchema(without);
  const templates = input.templates
    .filter((t) => {
      const probe = { table: t.table, html: t.html, css: "", page: {} } as unknown as Pick<
        PrintTemplate,
        "table" | "html" | "css" | "page"
      >;
      return templateProblems(probe, compiled).some((p) => p.table === table && p.field === field);
    })
    .map((t) => t.name);

  const formulas = usesOfField(schema, table, field).flatMap((u) => (u.formula ? [`${u.formula.table}.${u.formula.field}`] : []));
  return { layouts, views, templates, formulas };
}

function templatePhrase(names: string[], t: Words): string {
  if (names.length === 1) {
    const name = names[0];
    return t(/template$/i.test(name.trim()) ? "schemaDesigner.impact.templateNamed" : "schemaDesigner.impact.template", { name });
  }
  return t("schemaDesigner.impact.templates", { n: names.length, names: names.join(", ") });
}

/** "used in 2 layouts, 1 saved view, the invoice template", or that nothing refers to it. */
export function describeImpact(impact: FieldImpact, t: Words = english): string {
  const parts: string[] = [];
  if (impact.layouts.length) parts.push(t("schemaDesigner.impact.layouts", { count: impact.layouts.length }));
  if (impact.views.length) parts.push(t("schemaDesigner.impact.views", { count: impact.views.length }));
  if (impact.templates.length) parts.push(templatePhrase(impact.templates, t));
  if (impact.formulas.length)
    parts.push(t("schemaDesigner.impact.formulas", { count: impact.formulas.length, names: impact.formulas.join(", ") }));
  return parts.length === 0 ? t("schemaDesigner.impact.unused") : t("schemaDesigner.impact.used", { parts: parts.join(", ") });
}
