/**
 * Print templates as the designer screens and their API twins use them: every function checks
 * that an administrator calls it, then asks the templates service (which audits each change).
 */
import { inLanguage } from "@runtime/i18n/schema-translations";
import type { PrintTemplate } from "@runtime/print/template";
import type { TemplateProblem } from "@runtime/print/references";
import { operatorsOf } from "@runtime/records/filter";
import { requireAdmin, type Actor } from "@runtime/records/permissions";
import { requireTable, type CompiledSchema } from "@runtime/schema/compile";
import type { ListField } from "@runtime/views/list-page-data";
import { describeTemplateCondition } from "../components/print-menu-items";
import { companyImageOptions, fieldPathOptions, lineListOptions } from "@print-designer/field-paths";
import { availableLanguages, languageCodes } from "@runtime/i18n/catalogs.server";
import { languageFieldOptions } from "@runtime/print/document-language";
import { starterTemplate } from "@print-designer/starter";
import { say, type Phrase, type Words } from "@runtime/i18n/words";
import { getPrintService, type PrintedPdf } from "./print.server";
import { actorFor } from "./actor.server";
import { getRuntime } from "./runtime.server";
import { printRefusal } from "@runtime/print/print-words";
import { nameIn, type ItemTranslations } from "@runtime/i18n/item-names";

/** A template is a few hundred kB of HTML and CSS plus the designer's project data. */
export const TEMPLATE_MAX_BYTES = 3_000_000;

export interface TemplateListEntry {
  id: string;
  name: string;
  /** The name in the admin's language; `name` and `translations` are what the rename form edits. */
  shownName: string;
  translations?: ItemTranslations;
  table: string;
  tableLabel: string;
  /** The condition in words, or "Always" / "A custom condition". */
  condition: string;
  problems: TemplateProblem[];
}

/** The actor of a template API call, refused with 403 before its body is read unless an administrator. */
export async function templateAdminFor(request: Request): Promise<Actor> {
  const actor = await actorFor(request);
  requireAdmin(actor, "managePrintTemplates");
  return actor;
}

/** The workspace compiled in `language`: its labels translated, its keys the same. */
async function compiledSchema(language = "en"): Promise<CompiledSchema> {
  return inLanguage(await (await getRuntime()).workspace.current(), language).compiled;
}

function conditionText(template: PrintTemplate, compiled: CompiledSchema, t: Words): string {
  if (template.condition === undefined || template.condition === null) return t("printMenu.alwaysOffered");
  const table = compiled.tablesByKey.get(template.table);
  return (table && describeTemplateCondition(template.condition, table, t)) ?? t("printMenu.customCondition");
}

/** A template problem in the reader's words (the English message without a translator). */
const problemText = (p: { message: string; words: Phrase }, t?: Words) => (t ? say(p.words, t) : p.message);

/** Every template, grouped by the caller; each with its condition in words and its problems. */
export async function listTemplatesAs(actor: Actor, t: Words, table?: string, language = "en"): Promise<TemplateListEntry[]> {
  requireAdmin(actor, "managePrintTemplates");
  const { templates } = await getRuntime();
  const compiled = await compiledSchema(language);
  const full = await templates.list(table);
  const problems = new Map((await templates.summaries(table)).map((s) => [s.id, s.problems]));
  return full.map((template) => ({
    id: template.id,
    name: template.name,
    shownName: nameIn(template, language),
    translations: template.translations,
    table: template.table,
    tableLabel: compiled.tablesByKey.get(template.table)?.pluralLabel ?? template.table,
    condition: conditionText(template, compiled, t),
    problems: problems.get(template.id) ?? [],
  }));
}

/** The tables an admin can add a template for: every table but the company card and users. */
export async function printableTablesAs(actor: Actor, language = "en"): Promise<{ key: string; label: string }[]> {
  requireAdmin(actor, "managePrintTemplates");
  return (await compiledSchema(language)).tables.filter((t) => !t.parent).map((t) => ({ key: t.key, label: t.pluralLabel }));
}

export async function getTemplateAs(actor: Actor, id: unknown): Promise<PrintTemplate> {
  requireAdmin(actor, "managePrintTemplates");
  return (await getRuntime()).templates.get(id);
}

/** A new template for `table` from the list screen: a starter the designer builds on. */
export async function createStarterTemplateAs(actor: Actor, tableKey: unknown, name: unknown): Promise<PrintTemplate> {
  requireAdmin(actor, "createPrintTemplates");
  const compiled = await compiledSchema();
  const table = typeof tableKey === "string" ? compiled.tablesByKey.get(tableKey) : undefined;
  if (!table) throw printRefusal(400, "chooseTable");
  const title = typeof name === "string" && name.trim() ? name.trim() : table.label;
  return createTemplateAs(actor, starterTemplate(table, title));
}

export async function createTemplateAs(actor: Actor, input: unknown): Promise<PrintTemplate> {
  requireAdmin(actor, "createPrintTemplates");
  return (await getRuntime()).templates.create(input, actor.id);
}

/** Replaces the parts sent (name, html, css, page, condition, project). */
export async function updateTemplateAs(actor: Actor, id: unknown, changes: unknown): Promise<PrintTemplate> {
  requireAdmin(actor, "changePrintTemplates");
  return (await getRuntime()).templates.update(id, changes, actor.id);
}

/** Renames a template; with `translations`, its names in the other languages are replaced too. */
export async function renameTemplateAs(actor: Actor, id: unknown, name: unknown, translations?: ItemTranslations): Promise<PrintTemplate> {
  requireAdmin(actor, "renamePrintTemplates");
  const { templates } = await getRuntime();
  const renamed = await templates.rename(id, name, actor.id);
  return translations ? templates.update(renamed.id, { translations }, actor.id) : renamed;
}

export async function duplicateTemplateAs(actor: Actor, id: unknown, name?: unknown): Promise<PrintTemplate> {
  requireAdmin(actor, "duplicatePrintTemplates");
  return (await getRuntime()).templates.duplicate(id, typeof name === "string" && name.trim() ? name.trim() : undefined, actor.id);
}

export async function removeTemplateAs(actor: Actor, id: unknown): Promise<void> {
  requireAdmin(actor, "deletePrintTemplates");
  await (await getRuntime()).templates.remove(id, actor.id);
}

export async function previewDraftAs(actor: Actor, draft: unknown, recordId: unknown): Promise<PrintedPdf> {
  return (await getPrintService()).previewDraft(actor, draft, recordId);
}

/**
 * What the designer needs besides the template: the schema, the condition fields, records to
 * preview with. Fields are named in the admin's `language` on the canvas and in the pickers;
 * the template itself refers to them by key.
 */
export async function designerDataAs(actor: Actor, id: unknown, t: Words, language?: string) {
  requireAdmin(actor, "designPrintTemplates");
  const template = await getTemplateAs(actor, id);
  const runtime = await getRuntime();
  const compiled = await compiledSchema(language);
  const table = requireTable(compiled, template.table);
  const conditionFields: ListField[] = table.fields.map((f) => ({
    ...f,
    sortable: false,
    operators: [...operatorsOf(f)],
    listable: false,
  }));
  const { rows } = await runtime.records.list(actor, table.key, { pageSize: 50, sort: "-id" });
  const title = (r: Record<string, unknown>) => {
    const v = table.titleField ? r[table.titleField] : null;
    return v === null || v === undefined || v === "" ? `${table.label} ${String(r.id)}` : String(v);
  };
  const problems = (await (await getRuntime()).templates.problems(template)).map((p) => problemText(p, t));
  const imageOptions = companyImageOptions(compiled, t);
  // The canvas shows the company's real logo and signature, served like any stored file.
  const imageUrls: Record<string, string> = {};
  if (compiled.tablesByKey.has("company") && imageOptions.length) {
    const company = (await runtime.records.list(actor, "company", { pageSize: 1, sort: "id" })).rows[0] as
      Record<string, unknown> | undefined;
    for (const o of imageOptions) {
      const file = company?.[o.path.slice("company.".length)] as { id?: unknown } | null | undefined;
      if (file && typeof file.id === "string") imageUrls[o.path] = `/api/files/${encodeURIComponent(file.id)}`;
    }
  }
  return {
    template,
    fieldOptions: fieldPathOptions(compiled, table.key, t),
    languageOptions: { fields: languageFieldOptions(compiled, table, languageCodes()), languages: availableLanguages() },
    lineLists: lineListOptions(compiled, table.key),
    imageOptions,
    imageUrls,
    tableLabel: table.label,
    tablePluralLabel: table.pluralLabel,
    conditionFields,
    conditionText: conditionText(template, compiled, t),
    previewRecords: rows.map((r) => ({ id: Number(r.id), title: title(r as Record<string, unknown>) })),
    problems,
  };
}
