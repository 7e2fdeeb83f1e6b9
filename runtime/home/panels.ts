/**
 * Home panels as configuration: what each person sees on `/`. A panel names a table and its
 * fields by key, never code: the default configuration ships panels over its own tables, and a
 * panel whose table or fields an admin removed is left out (with a note for admins), not an error.
 * See docs/decisions/022-home-panels-as-configuration.md.
 */
import { isRelation } from "../fields/structure";
import { hasTimeOfDay, isDated, isNumeric } from "../fields/registry";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { nameIn } from "../i18n/item-names";

interface PanelBase {
  /** Stable within the home configuration: the page's anchors and tests point at it. */
  id: string;
  title: string;
  /** Role keys that see the panel; absent means every role. */
  roles?: string[];
  /** Its title (and a list's `empty`) in other languages: `{ "sv": { "title": "Mina öppna uppgifter" } }`. */
  translations?: Record<string, { title?: string; empty?: string }>;
}

/** Records of a table, filtered (with tokens, see tokens.ts), sorted, some columns, a few rows. */
export interface ListPanel extends PanelBase {
  kind: "list";
  table: string;
  filter?: unknown;
  /** `field` or `-field`; records without a value come last whatever the database's habit. */
  sort?: string;
  columns: string[];
  /** Rows shown (default 8, at most 50). */
  limit?: number;
  /** Marks a row overdue when `field` is before the token's value (e.g. `{ field: "due", before: "$now" }`), */
  overdue?: { field: string; before: string };
  /** Where "See all" goes (a path in the app); default the table's list. */
  link?: string;
  /** Said when no record matches. */
  empty?: string;
}

/** Amounts still open by how long past their date: current, 1–30, 31–60, 61–90 and 90+ days. */
export interface AgingPanel extends PanelBase {
  kind: "aging";
  table: string;
  /** A date field: the day an amount falls due. */
  date: string;
  /** A number field summed per bucket (per its currency field, when it has one). */
  amount: string;
  filter?: unknown;
}

/** One total of a number field over the records a filter finds (payments this month). */
export interface SumPanel extends PanelBase {
  kind: "sum";
  table: string;
  amount: string;
  filter?: unknown;
  link?: string;
}

/** The records the person opened last, newest first. */
export interface RecentPanel extends PanelBase {
  kind: "recent";
  limit?: number;
}

/** Failed rule runs (administrators only, whatever `roles` says). */
export interface FailedRunsPanel extends PanelBase {
  kind: "failedRuns";
  limit?: number;
}

/** Background jobs that gave up lately (administrators only, whatever `roles` says). */
export interface DeadJobsPanel extends PanelBase {
  kind: "deadJobs";
  limit?: number;
  /** How far back, in days (default 7): a job that failed long ago is history, not today's work. */
  days?: number;
}

export type HomePanel = ListPanel | AgingPanel | SumPanel | RecentPanel | FailedRunsPanel | DeadJobsPanel;
export type HomePanelKind = HomePanel["kind"];

export const PANEL_KINDS = ["list", "aging", "sum", "recent", "failedRuns", "deadJobs"] as const satisfies readonly HomePanelKind[];

export const DEFAULT_LIST_LIMIT = 8;
export const MAX_LIST_LIMIT = 50;

export function panelLimit(limit: number | undefined, fallback = DEFAULT_LIST_LIMIT): number {
  return typeof limit === "number" && Number.isSafeInteger(limit) && limit > 0 ? Math.min(limit, MAX_LIST_LIMIT) : fallback;
}

export function shownTo(panel: HomePanel, role: string): boolean {
  return !Array.isArray(panel.roles) || panel.roles.includes(role);
}

/** The table's key, for the panels that read one. */
export function panelTable(panel: HomePanel): string | null {
  return "table" in panel ? panel.table : null;
}

/**
 * Why a panel cannot be shown on this schema (its table or a field is gone, or a field no longer
 * fits), or null when it can. Keys only: the schema may have been reshaped since the panel was set.
 */
export function panelProblem(panel: HomePanel, compiled: CompiledSchema): string | null {
  // Stored JSON an admin may have edited by hand: its shape is checked before it is trusted.
  if (!(PANEL_KINDS as readonly unknown[]).includes(panel.kind))
    return `its kind "${String(panel.kind)}" is not one of ${PANEL_KINDS.join(", ")}`;
  if ("table" in panel && typeof panel.table !== "string") return "its table is not a table key";
  if (panel.kind === "list" && panel.sort !== undefined && typeof panel.sort !== "string") return "its sort is not a field key";
  if (
    panel.kind === "list" &&
    panel.overdue !== undefined &&
    (typeof panel.overdue?.field !== "string" || typeof panel.overdue?.before !== "string")
  )
    return "its overdue marker needs a field and a token";
  const key = panelTable(panel);
  if (key === null) return null;
  const table = compiled.tablesByKey.get(key);
  if (!table) return `the table "${key}" is gone`;
  const field = (k: string | undefined, what: string, fits: (t: CompiledTable, k: string) => boolean = () => true) => {
    if (typeof k !== "string") return `it names no ${what}`;
    if (k === "id") return null;
    if (!table.fieldsByKey.has(k)) return `${table.pluralLabel} have no field "${k}"`;
    return fits(table, k) ? null : `"${k}" of ${table.pluralLabel} is not a ${what}`;
  };
  const isDate = (t: CompiledTable, k: string) => isDated(t.fieldsByKey.get(k)!.def) && !hasTimeOfDay(t.fieldsByKey.get(k)!.def);
  const isNumber = (t: CompiledTable, k: string) => isNumeric(t.fieldsByKey.get(k)!.def);
  switch (panel.kind) {
    case "list": {
      const sort = panel.sort?.replace(/^-/, "");
      const problems = [
        ...(Array.isArray(panel.columns) && panel.columns.length ? panel.columns : [undefined]).map((c) => field(c, "column")),
        sort ? field(sort, "sort field") : null,
        panel.overdue ? field(panel.overdue.field, "overdue field") : null,
      ];
      return problems.find((p) => p !== null) ?? null;
    }
    case "aging":
      return field(panel.date, "date field", isDate) ?? field(panel.amount, "number field", isNumber);
    case "sum":
      return field(panel.amount, "number field", isNumber);
    default:
      return null;
  }
}

/** Whether a column's values link to another record (its title shown instead of the id). */
export function isLinkColumn(table: CompiledTable, key: string): boolean {
  const f = table.fieldsByKey.get(key);
  return !!f && isRelation(f);
}

/** The panel with its title and empty message in `language` where it gives them (ADR 035). */
export function panelInLanguage(panel: HomePanel, language: string): HomePanel {
  const words = panel.translations?.[language] ?? panel.translations?.[language.split("-")[0]];
  if (!words) return panel;
  const title = nameIn({ name: panel.title, translations: { [language]: { name: words.title } } }, language);
  if (panel.kind !== "list") return { ...panel, title };
  return { ...panel, title, empty: words.empty ?? panel.empty };
}
