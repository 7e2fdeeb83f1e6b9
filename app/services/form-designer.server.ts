/**
 * The form designer's server side: what the designer opens with (the layout as the schema has it
 * today, with what changed said in words), the records to preview it with, and saving.
 */
import { type ApiError } from "@runtime/errors";
import type { CardLayout, LayoutNotice } from "@runtime/layouts/types";
import { say, type Words } from "@runtime/i18n/words";
import { inLanguage } from "@runtime/i18n/schema-translations";
import type { Actor } from "@runtime/records/permissions";
import type { CompiledTable } from "@runtime/schema/compile";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { dropRemovedFields, followRename } from "@form-designer/schema-changes";
import { isFormula, isRelation } from "@runtime/fields/structure";
import { defaultCardInEveryLanguage } from "./default-card.server";
import { getLayouts } from "./layouts.server";
import { getRuntime } from "./runtime.server";
import { formRefusal } from "@runtime/forms/form-words";

export interface DesignerTable {
  key: string;
  label: string;
  pluralLabel: string;
  fields: number;
  custom: boolean;
  /** Composition lines (invoice lines) are designed as part of their parent's card. */
  line: boolean;
}

export interface PreviewChoice {
  id: number;
  title: string;
}

export interface DesignerData {
  tableKey: string;
  schema: WorkspaceSchema;
  schemaVersion: number;
  /** The stored layout followed through renames, without cells of removed fields. */
  layout: CardLayout;
  /** The card nobody designed, its words in every language: what "Use the default card" puts back. */
  defaultLayout: CardLayout;
  version: number;
  custom: boolean;
  /** What the schema changed since the layout was saved. */
  notices: LayoutNotice[];
  records: PreviewChoice[];
}

const PREVIEW_CHOICES = 100;

/** The workspace with its tables' and fields' words in `language` (keys are the same in every language). */
async function current(tableKey: string | undefined, language = "en") {
  const runtime = await getRuntime();
  const { compiled, schema, version } = inLanguage(await runtime.workspace.current(), language);
  const table = tableKey ? compiled.tablesByKey.get(tableKey) : undefined;
  if (!table) throw formRefusal(404, "noTable", { table: String(tableKey).slice(0, 64) });
  return { runtime, compiled, schema, version, table };
}

function titleOf(table: CompiledTable, row: Record<string, unknown>): string {
  const value = table.titleField ? row[table.titleField] : null;
  return value === null || value === undefined || value === "" ? `${table.label} #${String(row.id)}` : String(value);
}

export async function designerTables(actor: Actor): Promise<DesignerTable[]> {
  const runtime = await getRuntime();
  const { compiled } = await runtime.workspace.current();
  const layouts = await getLayouts();
  const out: DesignerTable[] = [];
  for (const table of compiled.tablesByKey.values()) {
    const stored = await layouts.get(actor, table.key);
    out.push({
      key: table.key,
      label: table.label,
      pluralLabel: table.pluralLabel,
      fields: table.fields.length,
      custom: stored.custom,
      line: Boolean(table.parent),
    });
  }
  return out;
}

/**
 * What the designer opens with. The palette and canvas name fields in the admin's `language`; the
 * layout's own words (tabs, sections) stay as stored, since the canvas edits them and their
 * translations sit beside them in the inspector.
 */
export async function loadDesigner(actor: Actor, tableKey: string | undefined, language?: string): Promise<DesignerData> {
  const { runtime, compiled, schema, version, table } = await current(tableKey, language);
  const stored = await (await getLayouts()).get(actor, table.key);
  const renamed = followRename(stored.layout, table);
  const dropped = dropRemovedFields(renamed.layout, table, compiled);
  const unreadable = stored.notices.filter((n) => n.path === "/");
  // Built in English with every language's words beside them, whatever the admin reads.
  const defaultLayout = defaultCardInEveryLanguage(await runtime.workspace.current(), table.key);
  const title = table.titleField ? table.fieldsByKey.get(table.titleField) : undefined;
  const sort = title && !isFormula(title) ? title.key : "-id";
  const { rows } = await runtime.records.list(actor, table.key, { pageSize: PREVIEW_CHOICES, sort });
  return {
    tableKey: table.key,
    schema,
    schemaVersion: version,
    layout: stored.custom ? dropped.layout : defaultLayout,
    defaultLayout,
    version: stored.version,
    custom: stored.custom,
    notices: [...unreadable, ...renamed.notices, ...dropped.notices],
    records: rows.map((r) => ({ id: Number(r.id), title: titleOf(table, r) })),
  };
}

/** One record with its links' titles, to preview the card with real values. */
export async function previewRecord(actor: Actor, tableKey: string | undefined, id: string): Promise<Record<string, unknown>> {
  const { runtime, table } = await current(tableKey);
  const expand = table.fields.filter(isRelation).map((f) => f.key);
  return runtime.records.get(actor, table.key, id, expand.length ? { expand: expand.join(",") } : {});
}

export interface SaveAnswer {
  layout: CardLayout;
  version: number;
}

/**
 * Saves what the designer sends (JSON text of the layout and the version it started from). The
 * layouts service checks the JSON Schema and that every field and list exists; 409 when someone
 * saved in between.
 */
export async function saveDesign(
  actor: Actor,
  tableKey: string | undefined,
  layoutText: unknown,
  versionText: unknown,
): Promise<SaveAnswer> {
  const { table } = await current(tableKey);
  if (typeof layoutText !== "string" || layoutText.length === 0) throw formRefusal(400, "layoutMissing");
  let layout: unknown;
  try {
    layout = JSON.parse(layoutText);
  } catch {
    throw formRefusal(400, "layoutJson");
  }
  const expected = versionText === null || versionText === undefined || versionText === "" ? undefined : Number(versionText);
  if (expected !== undefined && (!Number.isInteger(expected) || expected < 0)) throw formRefusal(400, "layoutVersion");
  const saved = await (await getLayouts()).save(actor, table.key, layout, expected);
  return { layout: saved.layout, version: saved.version };
}

export async function resetDesign(actor: Actor, tableKey: string | undefined): Promise<void> {
  const { table } = await current(tableKey);
  await (await getLayouts()).reset(actor, table.key);
}

/** `{ ok: false, error, problems }` for the designer to show, from an ApiError. */
export function designErrorOf(error: ApiError, t?: Words): { ok: false; error: string; problems: LayoutNotice[]; status: number } {
  const details = error.details as { problems?: LayoutNotice[] } | undefined;
  return {
    ok: false,
    error: t && error.phrase ? say(error.phrase, t) : error.message,
    problems: details?.problems ?? [],
    status: error.status,
  };
}
