import type { Knex } from "knex";
import { columnTypeSql, dialectOf } from "../db/ddl.server";
import { createSystemTable, dbNow, ensureColumn } from "../db/system-tables.server";
import { badReport, reportRefusal } from "./report-refusals";
import { isAdmin, type Actor } from "../records/permissions";
import type { CompiledSchema } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { runReport, type ReportResult } from "./run.server";
import { followRenamesInReport } from "./renames";
import { parseReportSpec, type ReportSpec } from "./spec";
import type { ReportReader } from "./report-words";
import { inLanguage } from "../i18n/schema-translations";
import { readTranslations, translationsToStore, type ItemTranslations } from "../i18n/item-names";

/**
 * Reports: run one (`POST /api/reports/run`), and the saved ones — a person's own, or shared with
 * roles. A saved report holds only its definition; every showing runs it again as the viewer, so
 * a report shared with a role never shows that role more than its lists would.
 */

export const REPORTS_TABLE = "crm_reports";
export const CHART_TYPES = ["table", "bar", "stacked", "line", "pie", "funnel", "number"] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export interface SavedReport {
  id: number;
  name: string;
  /** Its name in other languages (`nameIn`). */
  translations?: ItemTranslations;
  spec: ReportSpec;
  chart: ChartType;
  /** Roles it is shown to besides its owner. */
  roles: string[];
  ownerId: number | null;
  /** Whether the actor may change or delete it. */
  editable: boolean;
  updatedAt: string;
}

/** A report the configuration ships: stored once, by name, the first time a database lacks reports. */
export interface DefaultReport {
  name: string;
  translations?: ItemTranslations;
  spec: ReportSpec;
  chart: ChartType;
  roles: string[];
}

export interface ReportsService {
  /** Run as `actor`; with a `reader`, its columns and cells read in the reader's language (else English, as stored). */
  run(actor: Actor, spec: unknown, reader?: ReportReader): Promise<ReportResult>;
  list(actor: Actor): Promise<SavedReport[]>;
  get(actor: Actor, id: unknown): Promise<SavedReport>;
  create(actor: Actor, input: unknown): Promise<SavedReport>;
  update(actor: Actor, id: unknown, input: unknown): Promise<SavedReport>;
  remove(actor: Actor, id: unknown): Promise<void>;
  /** The configuration's reports, owned by no one, for a database being seeded; those named alike already are kept. */
  addDefaults(reports: readonly DefaultReport[]): Promise<void>;
  /** Rewrites saved reports after a schema change renamed tables or fields; how many changed. */
  followRenames(before: CompiledSchema): Promise<number>;
}

export interface ReportsOptions {
  db: Knex;
  workspace: Pick<WorkspaceService, "current">;
  /** Where days begin; default TESSERA_TIME_ZONE, else UTC. */
  timeZone?: string;
  now?: () => Date;
  /** See RunOptions.parallelAboveRows (tests set 0). */
  parallelAboveRows?: number;
}

export async function ensureReportsTable(db: Knex): Promise<void> {
  const dialect = dialectOf(db);
  await createSystemTable(db, REPORTS_TABLE, (t) => {
    t.increments("id").primary();
    t.string("name", 120).notNullable();
    t.specificType("spec", columnTypeSql({ type: "text", size: "long" }, dialect)).notNullable();
    t.string("chart", 16).notNullable();
    // JSON list of role keys; a few, so a text column read whole is enough.
    t.text("roles").notNullable();
    t.integer("owner_id").nullable().index();
    t.specificType("created_at", columnTypeSql({ type: "datetime" }, dialect)).notNullable();
    t.specificType("updated_at", columnTypeSql({ type: "datetime" }, dialect)).notNullable();
  });
  // The report's name in other languages, as JSON; added to databases made before it.
  await ensureColumn(db, REPORTS_TABLE, "translations", (t) => void t.text("translations").nullable());
}

interface Row {
  id: number;
  name: string;
  translations: string | null;
  spec: string;
  chart: string;
  roles: string;
  owner_id: number | null;
  updated_at: string;
}

const ROLE_KEY = /^[a-z][a-z0-9_-]{0,63}$/;

export function createReportsService(options: ReportsOptions): ReportsService {
  const { db, workspace } = options;
  const timeZone = options.timeZone ?? (process.env.TESSERA_TIME_ZONE || "UTC");
  const now = options.now ?? (() => new Date());
  const visible = (actor: Actor, row: Row) =>
    isAdmin(actor) || (row.owner_id !== null && row.owner_id === actor.id) || parseRoles(row.roles).includes(actor.role);
  const editable = (actor: Actor, row: Row) => isAdmin(actor) || (row.owner_id !== null && row.owner_id === actor.id);

  function toSaved(actor: Actor, row: Row): SavedReport {
    return {
      id: Number(row.id),
      name: row.name,
      translations: readTranslations(row.translations),
      spec: JSON.parse(row.spec) as ReportSpec,
      chart: row.chart as ChartType,
      roles: parseRoles(row.roles),
      ownerId: row.owner_id === null ? null : Number(row.owner_id),
      editable: editable(actor, row),
      updatedAt: String(row.updated_at),
    };
  }

  async function rowOf(actor: Actor, rawId: unknown): Promise<Row> {
    const id = Number(rawId);
    const row = Number.isInteger(id) && id > 0 ? ((await db(REPORTS_TABLE).where({ id }).first()) as Row | undefined) : undefined;
    if (!row || !visible(actor, row)) throw reportRefusal(404, "noReport", { id: String(rawId).slice(0, 32) });
    return row;
  }

  /** The definition checked against the schema before it is stored: a saved report always runs. */
  function checked(compiled: CompiledSchema, actor: Actor, input: unknown) {
    if (typeof input !== "object" || input === null) throw badReport("savedShape");
    const body = input as Record<string, unknown>;
    const name = typeof body.name === "string" ? body.name.trim() : "";
    if (!name || name.length > 120) throw badReport("name");
    const translations = translationsToStore(body.translations);
    parseReportSpec(compiled, body.spec);
    const chart = body.chart ?? "table";
    if (!CHART_TYPES.includes(chart as ChartType)) throw badReport("chart", { charts: CHART_TYPES.join(", ") });
    const roles = body.roles ?? [];
    if (!Array.isArray(roles) || roles.some((r) => typeof r !== "string" || !ROLE_KEY.test(r))) throw badReport("roles");
    if (roles.length && !isAdmin(actor))
      // Sharing puts a report on other people's screens: an admin's call, as layouts and panels are.
      throw reportRefusal(403, "shareAdmin");
    return {
      name,
      translations,
      spec: JSON.stringify(body.spec),
      chart: chart as string,
      roles: JSON.stringify([...new Set(roles as string[])]),
    };
  }

  return {
    async run(actor, spec, reader) {
      const current = await workspace.current();
      // The translated schema has the same tables, fields and values: only its labels differ.
      const { compiled } = reader ? inLanguage(current, reader.language) : current;
      const report = parseReportSpec(compiled, spec, reader?.t);
      return runReport(
        { db, dialect: dialectOf(db), timeZone, now: now(), parallelAboveRows: options.parallelAboveRows, format: reader },
        actor,
        compiled,
        report,
      );
    },
    async list(actor) {
      const rows = (await db(REPORTS_TABLE).orderBy("name").orderBy("id")) as Row[];
      return rows.filter((r) => visible(actor, r)).map((r) => toSaved(actor, r));
    },
    async get(actor, id) {
      return toSaved(actor, await rowOf(actor, id));
    },
    async create(actor, input) {
      if (actor.id === null) throw reportRefusal(403, "signIn");
      const { compiled } = await workspace.current();
      const values = checked(compiled, actor, input);
      const at = dbNow();
      const [id] = await db(REPORTS_TABLE).insert({ ...values, owner_id: actor.id, created_at: at, updated_at: at });
      return toSaved(
        actor,
        (await db(REPORTS_TABLE)
          .where({ id: Number(id) })
          .first()) as Row,
      );
    },
    async update(actor, id, input) {
      const row = await rowOf(actor, id);
      if (!editable(actor, row)) throw reportRefusal(403, "sharedCopy");
      const { compiled } = await workspace.current();
      const values = checked(compiled, actor, input);
      await db(REPORTS_TABLE)
        .where({ id: row.id })
        .update({ ...values, updated_at: dbNow() });
      return toSaved(actor, (await db(REPORTS_TABLE).where({ id: row.id }).first()) as Row);
    },
    async remove(actor, id) {
      const row = await rowOf(actor, id);
      if (!editable(actor, row)) throw reportRefusal(403, "sharedDelete");
      await db(REPORTS_TABLE).where({ id: row.id }).delete();
    },
    async followRenames(before) {
      const { compiled: after } = await workspace.current({ fresh: true });
      let changed = 0;
      for (const row of (await db(REPORTS_TABLE).orderBy("id")) as Row[]) {
        const stored = JSON.parse(row.spec) as ReportSpec;
        const followed = followRenamesInReport(stored, before, after);
        if (JSON.stringify(followed) === JSON.stringify(stored)) continue;
        await db(REPORTS_TABLE)
          .where({ id: row.id })
          .update({ spec: JSON.stringify(followed), updated_at: dbNow() });
        changed++;
      }
      return changed;
    },
    async addDefaults(reports) {
      const { compiled } = await workspace.current();
      const have = new Set(((await db(REPORTS_TABLE).whereNull("owner_id").select("name")) as { name: string }[]).map((r) => r.name));
      const at = dbNow();
      for (const d of reports.filter((r) => !have.has(r.name))) {
        parseReportSpec(compiled, d.spec);
        await db(REPORTS_TABLE).insert({
          name: d.name,
          translations: translationsToStore(d.translations),
          spec: JSON.stringify(d.spec),
          chart: d.chart,
          roles: JSON.stringify(d.roles),
          owner_id: null,
          created_at: at,
          updated_at: at,
        });
      }
    },
  };
}

function parseRoles(text: string): string[] {
  try {
    const roles: unknown = JSON.parse(text);
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : [];
  } catch {
    return [];
  }
}
