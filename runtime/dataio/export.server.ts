import { tablesName } from "../i18n/schema-names";
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type ExcelJS from "exceljs";
import { loadExcelJS } from "./exceljs.server";
import { EXPORT_PAGE_ENGLISH } from "./export-words";
import type { FormatOptions } from "../fields/types";
import { inLanguage } from "../i18n/schema-translations";
import { englishWords, type Words } from "../i18n/words";
import { exportRefusal } from "./import-words";
import { hasTimeOfDay, isDated, isMoney, isNumeric, isReference, isYesNo, valueKindOf } from "../fields/registry";
import { SYSTEM_FIELDS } from "../records/filter";
import type { Actor } from "../records/permissions";
import { unseenFields } from "../records/permissions";
import type { ScanPage } from "../records/scan.server";
import type { RecordsService } from "../records/service.server";
import type { CompiledField, CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";

/**
 * Export of a list view (its filter, sort, search and columns) as CSV, XLSX or a printable page. Rows are read a
 * page at a time through the records service's keyset cursor, so permissions apply and a million
 * rows never sit in memory: each page is written out before the next one is read.
 */

export interface ExportQuery {
  filter?: string | null;
  sort?: string | null;
  q?: string | null;
  /** Comma-separated field keys, in order; every field the actor may see when absent. */
  columns?: string | null;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Readable;
}

const MAX_COLUMNS = 200;
/** A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet will not run: a leading formula character is escaped with a quote. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export interface ExportDeps {
  records: RecordsService;
  workspace: WorkspaceService;
}

interface Plan {
  title: string;
  table: CompiledTable;
  fields: CompiledField[];
  expand: string[];
  unseen: ReadonlySet<string>;
}

async function planExport(deps: ExportDeps, actor: Actor, tableKey: string, columns: string | null | undefined): Promise<Plan> {
  const { compiled } = await deps.workspace.current();
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) throw exportRefusal(400, "noTable", { table: tableKey });
  const unseen = unseenFields(actor, compiled, table);
  // System columns a list may show (id, created…) are not fields: the export leaves them out.
  const wanted = columns
    ? columns
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c && (table.fieldsByKey.has(c) || !(c in SYSTEM_FIELDS)))
    : null;
  if (wanted && wanted.length > MAX_COLUMNS) throw exportRefusal(400, "tooManyColumns", { max: MAX_COLUMNS });
  const fields = wanted
    ? wanted.map((key) => {
        const field = table.fieldsByKey.get(key);
        if (!field || unseen.has(key)) throw exportRefusal(400, "notVisible", { field: key, table: tablesName(table) });
        return field;
      })
    : table.fields.filter((f) => !unseen.has(f.key));
  const expand = fields
    .filter((f) => isReference(f.def))
    .map((f) => f.key)
    .slice(0, 20);
  return { title: table.pluralLabel, table, fields, expand, unseen };
}

/** Every page of the list, one after the other, through the records service's scan (permissions apply). */
function pages(
  deps: ExportDeps,
  actor: Actor,
  tableKey: string,
  query: ExportQuery,
  plan: Plan,
  extra: string[] = [],
): AsyncGenerator<ScanPage> {
  return deps.records.scan(actor, tableKey, {
    filter: query.filter || undefined,
    sort: query.sort || "id",
    q: query.q || undefined,
    fields: [...plan.fields.map((f) => f.key), ...extra],
    expand: plan.expand,
  });
}

/** A column's cell as text, through the field kind's own export formatter; a relation by its title. */
type TextOf = (value: unknown, titles: ReadonlyMap<number, string> | undefined) => string;

/**
 * A column's cell-to-text function, its kind asked once per column rather than once per cell:
 * a million-row export formats millions of cells.
 */
function textOf(field: CompiledField): TextOf {
  const { def } = field;
  if (isReference(def))
    return (value, titles) => (value === undefined || value === null ? "" : (titles?.get(value as number) ?? String(value)));
  const format = valueKindOf(def).formatText;
  return (value) => (value === undefined || value === null ? "" : format(value, def));
}

/** A column's CSV cell: text a spreadsheet will not run as a formula; numbers as they are. */
function csvCellOf(field: CompiledField): TextOf {
  const text = textOf(field);
  return isNumeric(field.def) ? text : (value, titles) => neutralise(text(value, titles));
}

/** A column's spreadsheet value: numbers, dates and booleans typed, everything else text. */
function xlsxCellOf(field: CompiledField): (value: unknown, titles: ReadonlyMap<number, string> | undefined) => ExcelJS.CellValue {
  const text = textOf(field);
  const { def } = field;
  return (value, titles) => {
    if (value === undefined || value === null || value === "") return null;
    if (isNumeric(def)) {
      const n = Number(value);
      return Number.isFinite(n) ? n : text(value, titles);
    }
    if (isDated(def)) {
      const stored = String(value);
      const d = new Date(hasTimeOfDay(def) ? stored : `${stored.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? stored : d;
    }
    if (isYesNo(def)) return Boolean(value);
    // Text goes in as a string cell, never a formula; the quote keeps it so when saved back as CSV.
    return neutralise(text(value, titles));
  };
}

function safeFilename(title: string, ext: string): string {
  const base = title.replace(/[^\p{L}\p{N}_ -]+/gu, "").trim() || "export";
  return `${base}.${ext}`;
}

/** The list as CSV (UTF-8 with a BOM, so spreadsheets pick the encoding), streamed page by page. */
export async function exportCsv(deps: ExportDeps, actor: Actor, tableKey: string, query: ExportQuery): Promise<ExportFile> {
  const plan = await planExport(deps, actor, tableKey, query.columns);
  const source = pages(deps, actor, tableKey, query, plan);
  // The first page is read before the answer starts, so a bad filter is a 400, not a broken file.
  const first = await source.next();
  async function* chunks(): AsyncGenerator<string> {
    yield "\uFEFF" + stringify([plan.fields.map((f) => f.label)]);
    const cells = plan.fields.map(csvCellOf);
    const width = cells.length;
    let page = first;
    while (!page.done) {
      const { rows, titles } = page.value;
      // Each row's array of values becomes its array of cells in place: no second array per row.
      for (const row of rows) for (let i = 0; i < width; i++) row[i] = cells[i](row[i], titles[i]);
      yield stringify(rows);
      page = await source.next();
    }
  }
  return { filename: safeFilename(plan.title, "csv"), contentType: "text/csv; charset=utf-8", body: Readable.from(chunks()) };
}

/** The list as an XLSX workbook written by exceljs's streaming writer, row by row. */
export async function exportXlsx(deps: ExportDeps, actor: Actor, tableKey: string, query: ExportQuery): Promise<ExportFile> {
  const plan = await planExport(deps, actor, tableKey, query.columns);
  const source = pages(deps, actor, tableKey, query, plan);
  const first = await source.next();
  const out = new PassThrough();
  const { stream } = await loadExcelJS();
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(plan.title.slice(0, 31) || "Export");
  sheet.columns = plan.fields.map((f) => ({ header: f.label, key: f.key, width: 18, style: columnStyle(f) }));
  const cells = plan.fields.map(xlsxCellOf);
  void (async () => {
    let page = first;
    while (!page.done) {
      const { rows, titles } = page.value;
      for (const row of rows) sheet.addRow(cells.map((cell, i) => cell(row[i], titles[i]))).commit();
      // Wait for the reader when it is slower than the database.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
      page = await source.next();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return {
    filename: safeFilename(plan.title, "xlsx"),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: out,
  };
}

function columnStyle(field: CompiledField): Partial<ExcelJS.Style> {
  if (isDated(field.def)) return { numFmt: hasTimeOfDay(field.def) ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd" };
  if (isMoney(field.def)) return { numFmt: "#,##0.00" };
  return {};
}

/** How the printable page shows values: the list's format, each amount in its record's currency. */
const PAGE_FORMAT = { locale: "en-US", currency: "EUR" } as const;

/**
 * Who reads the printable page: it speaks their language (table and field names, choices, its
 * own words) and shows values in their locale, as the list does. CSV and XLSX keep the stored
 * names, so a file exported in one language imports in any other.
 */
export interface PageReader {
  language: string;
  locale: string;
  t: Words;
}

const ENGLISH_READER: PageReader = { language: "en", locale: "en-US", t: englishWords(EXPORT_PAGE_ENGLISH) };

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text as HTML text: markup in a value stays text on the page. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A cell as the list shows it (money with its currency, choices by label, relations by title); `record` holds the row's values by key. */
function cellDisplay(
  field: CompiledField,
  value: unknown,
  titles: ReadonlyMap<number, string> | undefined,
  record: Record<string, unknown>,
  format: FormatOptions,
): string {
  if (value === undefined || value === null || value === "") return "";
  if (isReference(field.def)) return titles?.get(value as number) ?? String(value);
  return valueKindOf(field.def).formatDisplay(value, field.def, format, record);
}

/**
 * Fields the page reads beside its columns: an amount's own currency field, so it shows in its
 * record's currency even when that column is not exported (and the actor may see it).
 */
function companionFields(table: CompiledTable, fields: CompiledField[], unseen: ReadonlySet<string>): string[] {
  const shown = new Set(fields.map((f) => f.key));
  const extra = new Set<string>();
  for (const f of fields) {
    const currency = f.def["x-currency-field"];
    if (typeof currency === "string" && !shown.has(currency) && !unseen.has(currency) && table.fieldsByKey.has(currency))
      extra.add(currency);
  }
  return [...extra];
}

const PAGE_STYLE = `
  body { font: 11pt/1.4 system-ui, sans-serif; color: #1c2127; margin: 24px; }
  h1 { font-size: 16pt; margin: 0 0 4px; }
  p.meta { color: #59636e; margin: 0 0 16px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #dde1e6; vertical-align: top; }
  th { font-size: 9pt; text-transform: uppercase; letter-spacing: .03em; color: #59636e; border-bottom: 2px solid #c4cad3; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  @page { margin: 14mm; }
  @media print { body { margin: 0; } p.hint { display: none; } }
`;

/**
 * The list as one HTML page to read or print (each page repeats the column headers), streamed
 * row by row like the other formats. Values are escaped text; the page runs no script and loads
 * nothing, which its answer's Content-Security-Policy also says.
 */
export async function exportHtml(
  deps: ExportDeps,
  actor: Actor,
  tableKey: string,
  query: ExportQuery,
  reader: PageReader = ENGLISH_READER,
  now: Date = new Date(),
): Promise<ExportFile> {
  const plan = await planExport(deps, actor, tableKey, query.columns);
  const extra = companionFields(plan.table, plan.fields, plan.unseen);
  // The same table in the reader's language: its names and its choices' labels.
  const named = inLanguage(await deps.workspace.current(), reader.language).compiled.tablesByKey.get(plan.table.key) ?? plan.table;
  const shown = plan.fields.map((f) => named.fieldsByKey.get(f.key) ?? f);
  const format = { ...PAGE_FORMAT, locale: reader.locale };
  const { t } = reader;
  const source = pages(deps, actor, tableKey, query, plan, extra);
  const first = await source.next();
  const numeric = plan.fields.map((f) => isNumeric(f.def));
  const keys = [...plan.fields.map((f) => f.key), ...extra];
  async function* chunks(): AsyncGenerator<string> {
    const title = escapeHtml(named.pluralLabel);
    const narrowed = [query.filter ? t("exportPage.filtered") : "", query.q ? t("exportPage.matching", { text: query.q }) : ""]
      .filter(Boolean)
      .join(", ");
    const when = new Intl.DateTimeFormat(reader.locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(now);
    const meta = t(narrowed ? "exportPage.narrowedExported" : "exportPage.exported", { narrowed, when });
    yield (
      `<!doctype html>\n<html lang="${escapeHtml(reader.language)}"><head><meta charset="utf-8"><title>${title}</title><style>${PAGE_STYLE}</style></head><body>` +
      `<h1>${title}</h1><p class="meta">${escapeHtml(meta)}</p>` +
      `<p class="hint meta">${escapeHtml(t("exportPage.printHint"))}</p>` +
      `<table><thead><tr>${shown.map((f) => `<th scope="col">${escapeHtml(f.label)}</th>`).join("")}</tr></thead><tbody>\n`
    );
    let page = first;
    let count = 0;
    while (!page.done) {
      const { rows, titles } = page.value;
      yield rows
        .map((row) => {
          const record = Object.fromEntries(keys.map((key, i) => [key, row[i]]));
          const cells = shown.map(
            (f, i) => `<td${numeric[i] ? ' class="num"' : ""}>${escapeHtml(cellDisplay(f, row[i], titles[i], record, format))}</td>`,
          );
          return `<tr>${cells.join("")}</tr>\n`;
        })
        .join("");
      count += rows.length;
      page = await source.next();
    }
    const total = t("exportPage.records", { count, number: count.toLocaleString(reader.locale) });
    yield `</tbody></table><p class="meta">${escapeHtml(total)}</p></body></html>\n`;
  }
  return { filename: safeFilename(plan.title, "html"), contentType: "text/html; charset=utf-8", body: Readable.from(chunks()) };
}
