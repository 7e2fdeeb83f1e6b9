import type { CompiledTable } from "@runtime/schema/compile";
import { fromFilter } from "@runtime/views/conditions";
import type { ListField } from "@runtime/views/list-page-data";
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
export function describeTemplateCondition(condition: unknown, table: CompiledTable): string | null {
  const parsed = fromFilter(condition);
  if (!parsed || parsed.conditions.length === 0) return null;
  const fieldOf = (key: string): ListField | undefined => {
    const f = table.fieldsByKey.get(key);
    return f ? { ...f, sortable: false, operators: [], listable: false } : undefined;
  };
  const parts = parsed.conditions.map((c) => describeCondition(c, fieldOf(c.field)));
  return `Only for ${table.pluralLabel.toLowerCase()} where ${parts.join(parsed.mode === "or" ? " or " : " and ")}`;
}

/**
 * The menu entries: a template with problems (a removed field) names them; one whose condition
 * does not hold for this record says why (`whyNotOffered`, e.g. the condition in words).
 */
export function printMenuItems(
  templates: OfferedSummary[],
  recordId: number,
  whyNotOffered: (templateId: string) => string,
): PrintMenuItem[] {
  return templates.map((t) => {
    const item: PrintMenuItem = { id: t.id, name: t.name, href: printHref(t.id, recordId), downloadHref: printHref(t.id, recordId, true) };
    if (t.problems.length) item.unavailable = `This template ${t.problems.map((p) => p.message).join("; ")}: fix it in the print designer.`;
    else if (t.offered === false) item.unavailable = whyNotOffered(t.id);
    return item;
  });
}

export function docxHref(templateId: string, recordId: number | string): string {
  return `/api/docx/${encodeURIComponent(templateId)}/${encodeURIComponent(String(recordId))}.docx`;
}

/** The table's Word templates, after the print templates: "Contract (Word)", each a download. */
export function docxMenuItems(templates: { id: string; name: string }[], recordId: number): PrintMenuItem[] {
  return templates.map((t) => {
    const href = docxHref(t.id, recordId);
    return { id: `docx:${t.id}`, name: `${t.name} (Word)`, href, downloadHref: href, word: true };
  });
}
