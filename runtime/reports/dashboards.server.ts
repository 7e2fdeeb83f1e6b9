import type { Knex } from "knex";
import { createSystemTable, dbNow, ensureColumn } from "../db/system-tables.server";
import { ApiError } from "../errors";
import {
  checkItemTranslations,
  nameIn,
  readTranslations,
  storedTranslations,
  translationsToStore,
  type ItemTranslations,
} from "../i18n/item-names";
import { sayError } from "../i18n/words";
import { dashboardRefusal } from "./report-refusals";
import { isAdmin, requireAdmin, type Actor } from "../records/permissions";
import type { ReportResult } from "./run.server";
import { REPORTS_TABLE, type ReportsService, type SavedReport } from "./reports.server";
import { englishReportWords, type ReportReader } from "./report-words";

/**
 * Dashboards: saved reports arranged on a grid, each widget half or full width, in order. An
 * admin makes them and names the roles each is the home page of. Every widget is run as the
 * person looking, so a dashboard never shows more than that person's reports and lists would;
 * a report not shared with them is left out, and says so.
 */

export const DASHBOARDS_TABLE = "crm_dashboards";
export const WIDGET_SIZES = ["half", "full"] as const;
export type WidgetSize = (typeof WIDGET_SIZES)[number];
const MAX_WIDGETS = 24;
const ROLE_KEY = /^[a-z][a-z0-9_-]{0,63}$/;

export interface Widget {
  report: number;
  size: WidgetSize;
}

export interface Dashboard {
  id: number;
  name: string;
  /** Its name in other languages (`nameIn`). */
  translations?: ItemTranslations;
  /** Roles whose home page shows it (the first one naming a role wins). */
  roles: string[];
  widgets: Widget[];
}

export interface WidgetView {
  widget: Widget;
  report: SavedReport | null;
  result: ReportResult | null;
  /** Why the widget shows no figures: the report is gone, not shared with the viewer, or fails to run. */
  problem: string | null;
}

/** A dashboard of the configuration: widgets name shipped reports by name. */
export interface DefaultDashboard {
  name: string;
  translations?: ItemTranslations;
  roles: string[];
  widgets: { report: string; size: WidgetSize }[];
}

export interface DashboardsService {
  list(actor: Actor): Promise<Dashboard[]>;
  get(actor: Actor, id: unknown): Promise<Dashboard>;
  /** The dashboard the actor's role sees on the home page, if one names the role. */
  forHome(actor: Actor): Promise<Dashboard | null>;
  /** Each widget's report run as the actor, in the reader's words when one is given. */
  view(actor: Actor, dashboard: Dashboard, reader?: ReportReader): Promise<WidgetView[]>;
  create(actor: Actor, input: unknown): Promise<Dashboard>;
  update(actor: Actor, id: unknown, input: unknown): Promise<Dashboard>;
  remove(actor: Actor, id: unknown): Promise<void>;
  addDefaults(dashboards: readonly DefaultDashboard[]): Promise<void>;
}

export async function ensureDashboardsTable(db: Knex): Promise<void> {
  await createSystemTable(db, DASHBOARDS_TABLE, (t) => {
    t.increments("id").primary();
    t.string("name", 120).notNullable();
    t.text("roles").notNullable();
    t.text("widgets").notNullable();
    t.string("created_at", 32).notNullable();
    t.string("updated_at", 32).notNullable();
  });
  // The dashboard's name in other languages, as JSON; added to databases made before it.
  await ensureColumn(db, DASHBOARDS_TABLE, "translations", (t) => void t.text("translations").nullable());
}

interface Row {
  id: number;
  name: string;
  translations: string | null;
  roles: string;
  widgets: string;
}

function parseList(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function fromRow(row: Row): Dashboard {
  return {
    id: Number(row.id),
    name: row.name,
    translations: readTranslations(row.translations),
    roles: parseList(row.roles).filter((r): r is string => typeof r === "string"),
    widgets: parseList(row.widgets).filter(
      (w): w is Widget => typeof w === "object" && w !== null && Number.isInteger((w as Widget).report),
    ),
  };
}

/** Checks a dashboard as sent by the screen or the API. */
export function checkDashboard(input: unknown): { name: string; translations: ItemTranslations; roles: string[]; widgets: Widget[] } {
  if (typeof input !== "object" || input === null) throw dashboardRefusal(400, "shape");
  const body = input as Record<string, unknown>;
  const name = typeof body.name === "string" ? body.name.trim() : "";
  if (!name || name.length > 120) throw dashboardRefusal(400, "name");
  const translations = checkItemTranslations(body.translations);
  const roles = body.roles ?? [];
  if (!Array.isArray(roles) || roles.some((r) => typeof r !== "string" || !ROLE_KEY.test(r))) throw dashboardRefusal(400, "roles");
  const widgets = body.widgets ?? [];
  if (!Array.isArray(widgets) || widgets.length > MAX_WIDGETS) throw dashboardRefusal(400, "widgets", { max: MAX_WIDGETS });
  return {
    name,
    translations,
    roles: [...new Set(roles as string[])],
    widgets: widgets.map((w, i) => {
      const report = Number((w as Widget | null)?.report);
      const size = (w as Widget | null)?.size ?? "half";
      if (!Number.isInteger(report) || report < 1) throw dashboardRefusal(400, "widgetReport", { index: i });
      if (!WIDGET_SIZES.includes(size)) throw dashboardRefusal(400, "widgetSize", { index: i });
      return { report, size };
    }),
  };
}

export function createDashboardsService(db: Knex, reports: ReportsService): DashboardsService {
  async function rowOf(actor: Actor, rawId: unknown): Promise<Dashboard> {
    const id = Number(rawId);
    const row = Number.isInteger(id) && id > 0 ? ((await db(DASHBOARDS_TABLE).where({ id }).first()) as Row | undefined) : undefined;
    const dashboard = row ? fromRow(row) : null;
    if (!dashboard || !(isAdmin(actor) || dashboard.roles.includes(actor.role)))
      throw dashboardRefusal(404, "noDashboard", { id: String(rawId).slice(0, 32) });
    return dashboard;
  }

  async function write(actor: Actor, input: unknown, id: number | null): Promise<Dashboard> {
    requireAdmin(actor, "arrangeDashboards");
    const values = checkDashboard(input);
    // Every widget's report must exist; an admin sees every report, so this is a plain lookup.
    for (const w of values.widgets) await reports.get(actor, w.report);
    const row = {
      name: values.name,
      translations: storedTranslations(values.translations),
      roles: JSON.stringify(values.roles),
      widgets: JSON.stringify(values.widgets),
      updated_at: dbNow(),
    };
    if (id === null) {
      const [newId] = await db(DASHBOARDS_TABLE).insert({ ...row, created_at: row.updated_at });
      id = Number(newId);
    } else await db(DASHBOARDS_TABLE).where({ id }).update(row);
    return rowOf(actor, id);
  }

  return {
    async list(actor) {
      const rows = (await db(DASHBOARDS_TABLE).orderBy("name").orderBy("id")) as Row[];
      return rows.map(fromRow).filter((d) => isAdmin(actor) || d.roles.includes(actor.role));
    },
    get: rowOf,
    async forHome(actor) {
      const rows = (await db(DASHBOARDS_TABLE).orderBy("id")) as Row[];
      return rows.map(fromRow).find((d) => d.roles.includes(actor.role)) ?? null;
    },
    async view(actor, dashboard, reader) {
      return Promise.all(
        dashboard.widgets.map(async (widget): Promise<WidgetView> => {
          let report: SavedReport;
          try {
            report = await reports.get(actor, widget.report);
          } catch (error) {
            if (error instanceof ApiError && error.status === 404)
              return { widget, report: null, result: null, problem: (reader?.t ?? englishReportWords)("dashboards.reportGone") };
            throw error;
          }
          try {
            // The widget shows the report's name in the reader's language; its stored name stays the report's.
            const shown = reader ? { ...report, name: nameIn(report, reader.language) } : report;
            return { widget, report: shown, result: await reports.run(actor, report.spec, reader), problem: null };
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            return {
              widget,
              report: reader ? { ...report, name: nameIn(report, reader.language) } : report,
              result: null,
              problem: reader ? sayError(error, reader.t) : error.message,
            };
          }
        }),
      );
    },
    create: (actor, input) => write(actor, input, null),
    async update(actor, id, input) {
      const current = await rowOf(actor, id);
      return write(actor, input, current.id);
    },
    async remove(actor, id) {
      requireAdmin(actor, "deleteDashboards");
      const current = await rowOf(actor, id);
      await db(DASHBOARDS_TABLE).where({ id: current.id }).delete();
    },
    async addDefaults(dashboards) {
      const have = new Set(((await db(DASHBOARDS_TABLE).select("name")) as { name: string }[]).map((r) => r.name));
      const byName = new Map(
        ((await db(REPORTS_TABLE).whereNull("owner_id").select("id", "name")) as { id: number; name: string }[]).map((r) => [
          r.name,
          Number(r.id),
        ]),
      );
      const at = dbNow();
      for (const d of dashboards.filter((x) => !have.has(x.name))) {
        const widgets = d.widgets.map((w) => {
          const report = byName.get(w.report);
          if (report === undefined)
            throw new Error(`the dashboard "${d.name}" names a report "${w.report}" the configuration does not ship`);
          return { report, size: w.size };
        });
        await db(DASHBOARDS_TABLE).insert({
          name: d.name,
          translations: translationsToStore(d.translations),
          roles: JSON.stringify(d.roles),
          widgets: JSON.stringify(widgets),
          created_at: at,
          updated_at: at,
        });
      }
    },
  };
}
