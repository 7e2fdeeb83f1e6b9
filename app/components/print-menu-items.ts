import type { CompiledTable } from "@runtime/schema/compile";
import { fromFilter } from "@runtime/views/conditions";
import type { ListField } from "@runtime/views/list-page-data";
import type { Words } from "@runtime/i18n/translator";
import { describeCondition } from "./list/condition-text";

/** One entry of a card's Print menu, ready to render without client JavaScript. */
export interface PrintMenuItem {
  id: string;
  name: string;
  /** Opens the PDF (inline, in a new tab). */
  href: string;
  /** The same PDF as an attachment. */
  downloadHref: string;
  /** Why it cannot be printed for this record; absent when it can. */
  unavailable?: string;
  /** A Word document: always a download, there is nothing to open in a tab. */
  word?: boolean;
}

/** What the print service says about a template for one record (`OfferedTemplate`, serialized). */
export interface OfferedSummary {
  id: string;
  name: string;
  offered?: boolean;
  problems: { message: string }[];
}

export function printHref(templateId: string, recordId: number | string, download = false): string {
  return `/api/print/${encodeURIComponent(templateId)}/${encodeURIComponent(String(recordId))}.pdf${download ? "?download=1" : ""}`;
}

/**
 * "Only for invoices where Payment state is Paid", from a template's stored condition; null when
 * the condition is not a flat list of conditions the filter builder could show.
 */
export function describeTemplateCondition(condition: unknown, table: CompiledTable, t: Words): string | null {
  const parsed = fromFilter(condition);
  if (!parsed || parsed.conditions.length === 0) return null;
  const fieldOf = (key: string): ListField | undefined => {
    const f = table.fieldsByKey.get(key);
    return f ? { ...f, sortable: false, operators: [], listable: false } : undefined;
  };
  const parts = parsed.conditions.map((c) => describeCondition(c, fieldOf(c.field), {}, t));
  const joined = parts.join(` ${t(parsed.mode === "or" ? "filters.or" : "filters.and")} `);
  return t("printMenu.onlyFor", { plural: table.pluralLabel.toLowerCase(), conditions: joined });
}

/**
 * The menu entries: a template with problems (a removed field) names them; one whose condition
 * does not hold for this record says why (`whyNotOffered`, e.g. the condition in words).
 */
export function printMenuItems(
  templates: OfferedSummary[],
  recordId: number,
  whyNotOffered: (templateId: string) => string,
  t: Words,
): PrintMenuItem[] {
  return templates.map((template) => {
    const { id, name } = template;
    const item: PrintMenuItem = { id, name, href: printHref(id, recordId), downloadHref: printHref(id, recordId, true) };
    if (template.problems.length)
      item.unavailable = t("printMenu.templateProblems", { problems: template.problems.map((p) => p.message).join("; ") });
    else if (template.offered === false) item.unavailable = whyNotOffered(id);
    return item;
  });
}

export function docxHref(templateId: string, recordId: number | string): string {
  return `/api/docx/${encodeURIComponent(templateId)}/${encodeURIComponent(String(recordId))}.docx`;
}

/** The table's Word templates, after the print templates: "Contract (Word)", each a download. */
export function docxMenuItems(templates: { id: string; name: string }[], recordId: number, t: Words): PrintMenuItem[] {
  return templates.map((template) => {
    const href = docxHref(template.id, recordId);
    return { id: `docx:${template.id}`, name: t("printMenu.word", { name: template.name }), href, downloadHref: href, word: true };
  });
}
