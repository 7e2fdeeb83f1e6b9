import type { Knex } from "knex";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import type { CompiledSchema } from "../schema/compile";
import { fromStoredState } from "../views/stored-view";
import { REPORTS_TABLE } from "../reports/reports.server";
import { adviseIndex, adviseReportIndex, type IndexAdvice, type ReportShape } from "./index-advisor";

export interface ViewIndexAdvice extends IndexAdvice {
  viewId: number;
  /** What needs it, as the admin reads it: a saved view's name, or "report “…”". */
  view: string;
  /** A saved report's name (`view` then says it is a report). */
  report?: string;
  table: string;
  /** Set when a saved report (not a view) needs it. */
  reportId?: number;
}

/**
 * Every saved view's filter and sort are known, so the composite index each one needs is too.
 * Nothing is created here: the advice is an `x-indexes` entry the admin adds to the schema, and
 * the migration review shows it like any other change.
 */
export async function indexAdviceForViews(db: Knex, schema: CompiledSchema): Promise<ViewIndexAdvice[]> {
  const rows = (await db(SYSTEM_TABLES.views).select("id", "table_id", "name", "state")) as {
    id: number;
    table_id: string;
    name: string;
    state: string;
  }[];
  const out: ViewIndexAdvice[] = [];
  for (const row of rows) {
    const table = schema.tablesById.get(row.table_id);
    if (!table) continue;
    let stored: unknown;
    try {
      stored = JSON.parse(row.state);
    } catch {
      continue;
    }
    const advice = adviseIndex(table, fromStoredState(table, stored, row.name).state);
    if (advice) out.push({ ...advice, viewId: Number(row.id), view: row.name, table: table.key });
  }
  out.push(...(await indexAdviceForReports(db, schema)));
  return out.sort((a, b) => Number(a.served) - Number(b.served) || a.table.localeCompare(b.table));
}

/** The same for saved reports: their filter, groupings and measures name the index they need. */
async function indexAdviceForReports(db: Knex, schema: CompiledSchema): Promise<ViewIndexAdvice[]> {
  const rows = (await db(REPORTS_TABLE).select("id", "name", "spec")) as { id: number; name: string; spec: string }[];
  const out: ViewIndexAdvice[] = [];
  for (const row of rows) {
    let spec: (ReportShape & { table?: unknown }) | null = null;
    try {
      spec = JSON.parse(row.spec) as ReportShape & { table?: unknown };
    } catch {
      continue;
    }
    const table = typeof spec.table === "string" ? schema.tablesByKey.get(spec.table) : undefined;
    if (!table || !Array.isArray(spec.groupBy) || !Array.isArray(spec.measures)) continue;
    const advice = adviseReportIndex(table, spec);
    if (advice)
      out.push({ ...advice, viewId: 0, reportId: Number(row.id), view: `report “${row.name}”`, report: row.name, table: table.key });
  }
  return out;
}
