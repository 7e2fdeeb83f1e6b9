import type { Knex } from "knex";
import type { Automation } from "../automation/automation.server";
import { getOrCreateSetting, getSetting } from "../auth/settings.server";
import { ApiError } from "../errors";
import { dateTimeFromDb, formatDateTimeDisplay } from "../fields/dates";
import { isDated, isNumeric, valueKindOf } from "../fields/registry";
import { relationTarget } from "../fields/structure";
import type { FormatOptions } from "../fields/types";
import type { JobQueue } from "../jobs/queue.server";
import { isBoardGroupField } from "../records/board-fields";
import { hiddenFields, mayDo, type Actor } from "../records/permissions";
import type { RecordJson } from "../records/rows";
import type { RecordsService } from "../records/service.server";
import { titleOf } from "../records/titles";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import type { WorkspaceService } from "../workspace/workspace.server";
import { localDate } from "../automation/schedule";
import { agingConditions } from "./aging";
import type { HomeAmount, HomeCell, HomePanelView, HomeView } from "./home-view";
import { listLink } from "./list-link";
import {
  isLinkColumn,
  panelLimit,
  panelInLanguage,
  panelProblem,
  shownTo,
  type AgingPanel,
  type HomePanel,
  type ListPanel,
  type SumPanel,
} from "./panels";
import { noteRecordView, recordViews } from "./record-views.server";
import { resolveFilterTokens, resolveToken, type TokenContext } from "./tokens";

/**
 * The home page's data: the configured panels (docs/decisions/022-home-panels-as-configuration.md)
 * a person's role is given, each read through the records service as that person, so a panel over
 * a table their role may not read is simply not there.
 */
export interface HomeService {
  /** The configured panels, in order. */
  panels(): Promise<HomePanel[]>;
  /** What `/` shows the actor at `now`. */
  view(actor: Actor, now?: Date, language?: string): Promise<HomeView>;
  /** Remembers that the actor opened a record's card (the "recently opened" panel). */
  recordOpened(actor: Actor, table: string, id: unknown): Promise<void>;
}

export interface HomeOptions {
  db: Knex;
  workspace: Pick<WorkspaceService, "current">;
  records: RecordsService;
  automation: Automation;
  queue: JobQueue;
  /** The configuration's panels, stored the first time a database is asked for them. */
  defaults?: readonly HomePanel[];
  /** Where days begin; default TESSERA_TIME_ZONE, else UTC. */
  timeZone?: string;
}

export const HOME_PANELS_SETTING = "home.panels";
const FORMAT_LOCALE = "en-US";
const DAY_MS = 86_400_000;

export function createHomeService(options: HomeOptions): HomeService {
  const { db, workspace, records, automation, queue } = options;
  const timeZone = options.timeZone ?? (process.env.TESSERA_TIME_ZONE || "UTC");

  async function panels(): Promise<HomePanel[]> {
    // Without a configuration to start from nothing is stored: a later start with one still seeds it.
    const stored = options.defaults
      ? await getOrCreateSetting(db, HOME_PANELS_SETTING, () => JSON.stringify(options.defaults))
      : await getSetting(db, HOME_PANELS_SETTING);
    if (stored === null) return [];
    try {
      const parsed: unknown = JSON.parse(stored);
      return Array.isArray(parsed) ? (parsed.filter((p) => typeof p === "object" && p !== null && !Array.isArray(p)) as HomePanel[]) : [];
    } catch {
      return [];
    }
  }

  return {
    panels,
    async view(actor, now = new Date(), language = "en") {
      const { compiled } = await workspace.current();
      const ctx: TokenContext = { userId: actor.id, now, timeZone };
      const format: FormatOptions = { locale: FORMAT_LOCALE, timeZone };
      const out: HomePanelView[] = [];
      const notes: string[] = [];
      for (const stored of await panels()) {
        const panel = panelInLanguage(stored, language);
        if (!shownTo(panel, actor.role)) continue;
        const problem = panelProblem(panel, compiled);
        if (problem) {
          notes.push(`The home panel "${panel.title ?? panel.id}" is left out: ${problem}.`);
          continue;
        }
        try {
          const shown = await panelView(panel, actor, compiled, ctx, format);
          if (shown) out.push(shown);
        } catch (error) {
          // Rights (a hidden field in the filter) leave the panel out; anything else is a bad panel.
          if (!(error instanceof ApiError)) throw error;
          if (error.status !== 403) notes.push(`The home panel "${panel.title ?? panel.id}" is left out: ${error.message}`);
        }
      }
      return { panels: out, notes: actor.rights.admin ? notes : [] };
    },
    async recordOpened(actor, tableKey, id) {
      if (actor.id === null || typeof id !== "number") return;
      const table = (await workspace.current()).compiled.tablesByKey.get(tableKey);
      if (table) await noteRecordView(db, actor.id, table.id, id);
    },
  };

  async function panelView(
    panel: HomePanel,
    actor: Actor,
    compiled: CompiledSchema,
    ctx: TokenContext,
    format: FormatOptions,
  ): Promise<HomePanelView | null> {
    const table = "table" in panel ? compiled.tablesByKey.get(panel.table)! : null;
    if (table && !mayDo(actor, "read", table)) return null;
    switch (panel.kind) {
      case "list":
        return listView(panel, actor, compiled, table!, ctx, format);
      case "aging":
        return agingView(panel, actor, table!, ctx, format);
      case "sum":
        return sumView(panel, actor, table!, ctx, format);
      case "recent":
        return { kind: "recent", id: panel.id, title: panel.title, rows: await recent(actor, compiled, panelLimit(panel.limit)) };
      case "failedRuns":
        return actor.rights.admin ? failedRunsView(panel.id, panel.title, compiled, panelLimit(panel.limit), format) : null;
      case "deadJobs":
        if (!actor.rights.admin) return null;
        return {
          kind: "deadJobs",
          id: panel.id,
          title: panel.title,
          rows: (await queue.list({ state: "dead", limit: panelLimit(panel.limit) }))
            .map((j) => ({ job: j, at: dateTimeFromDb(j.finishedAt ?? j.updatedAt) ?? "" }))
            .filter(({ at }) => Date.parse(at) >= ctx.now.getTime() - panelLimit(panel.days, 7) * DAY_MS)
            .map(({ job, at }) => ({
              id: job.id,
              type: job.type,
              error: job.lastError ?? "",
              at,
              atText: formatDateTimeDisplay(at, format.locale, format.timeZone),
            })),
        };
    }
  }

  async function listView(
    panel: ListPanel,
    actor: Actor,
    compiled: CompiledSchema,
    table: CompiledTable,
    ctx: TokenContext,
    format: FormatOptions,
  ) {
    const limit = panelLimit(panel.limit);
    const filter = panel.filter === undefined ? null : resolveFilterTokens(panel.filter, ctx);
    const hidden = hiddenFields(actor, table);
    const columns = panel.columns.filter((k) => !hidden.has(k));
    const expand = columns.filter((k) => isLinkColumn(table, k));
    const sortKey = panel.sort?.replace(/^-/, "");
    const sortField = sortKey ? table.fieldsByKey.get(sortKey) : undefined;
    const and = (extra: unknown) => (filter ? { and: [filter, extra] } : extra);
    const page = (f: unknown, size: number) =>
      records.list(actor, table.key, { filter: f ?? undefined, sort: panel.sort, pageSize: size, expand: expand.join(",") || undefined });
    let rows: RecordJson[];
    let total: number;
    if (sortField && !sortField.required) {
      // SQLite and MariaDB put empty values first in ascending order: those with a value come first here.
      const valued = await page(and({ field: sortField.key, op: "notEmpty" }), limit);
      const empty = await page(and({ field: sortField.key, op: "isEmpty" }), Math.max(1, limit - valued.rows.length));
      rows = [...valued.rows, ...empty.rows].slice(0, limit);
      total = Number(valued.total) + Number(empty.total);
    } else {
      const all = await page(filter, limit);
      rows = all.rows;
      total = Number(all.total);
    }
    const before = panel.overdue ? resolveToken(panel.overdue.before, ctx) : null;
    const overdue = (row: RecordJson) => {
      const value = panel.overdue ? row[panel.overdue.field] : null;
      return typeof value === "string" && typeof before === "string" && Date.parse(value) < Date.parse(before);
    };
    return {
      kind: "list" as const,
      id: panel.id,
      title: panel.title,
      table: table.pluralLabel,
      link: panel.link ?? listLink(table.key, filter, { sort: panel.sort, columns }),
      columns: columns.map((k) => ({
        key: k,
        label: columnLabel(table, k),
        numeric: isNumericColumn(table, k),
        compact: isCompact(table, k),
      })),
      rows: rows.map((row) => ({
        id: Number(row.id),
        href: `/t/${encodeURIComponent(table.key)}/${String(row.id)}`,
        overdue: overdue(row),
        cells: columns.map((k) => cell(compiled, table, row, k, format)),
      })),
      total,
      empty: panel.empty ?? `No ${table.pluralLabel.toLowerCase()} here.`,
    };
  }

  /** Sums of `amount` per currency over the records `filter` finds, with their count. */
  async function sums(actor: Actor, table: CompiledTable, amount: string, filter: unknown, format: FormatOptions) {
    const field = table.fieldsByKey.get(amount)!;
    const currencyKey = field.def["x-currency-field"];
    const currency = typeof currencyKey === "string" ? table.fieldsByKey.get(currencyKey) : undefined;
    // Amounts in different currencies never add up. Without a currency field any grouping does:
    // the groups' sums are added below.
    const groupBy = currency && isBoardGroupField(currency) ? currency : table.fields.find(isBoardGroupField);
    if (!groupBy) throw new ApiError(400, `${table.pluralLabel} have no choice field to total ${amount} by`);
    const groups = await records.groupCounts(actor, table.key, { groupBy: groupBy.key, sum: amount, filter });
    const byCurrency = new Map<string | null, number>();
    let count = 0;
    for (const g of groups) {
      count += g.count;
      const key = groupBy === currency ? (g.value === null ? null : String(g.value)) : null;
      byCurrency.set(key, (byCurrency.get(key) ?? 0) + (g.sum ?? 0));
    }
    const amounts: HomeAmount[] = [...byCurrency]
      .filter(([, sum]) => sum !== 0)
      .map(([code, sum]) => {
        const value = Math.round(sum * 100) / 100;
        const record = currency ? { [currency.key]: code } : {};
        return { currency: code, amount: value, text: valueKindOf(field.def).formatDisplay(value, field.def, format, record) };
      })
      .sort((a, b) => (a.currency ?? "").localeCompare(b.currency ?? ""));
    return { count, amounts };
  }

  async function agingView(panel: AgingPanel, actor: Actor, table: CompiledTable, ctx: TokenContext, format: FormatOptions) {
    const base = panel.filter === undefined ? null : resolveFilterTokens(panel.filter, ctx);
    const today = localDate(ctx.now, ctx.timeZone);
    const buckets = [];
    for (const b of agingConditions(panel.date, today)) {
      const found = await sums(actor, table, panel.amount, base ? { and: [base, b.filter] } : b.filter, format);
      buckets.push({ key: b.key, label: b.label, ...found });
    }
    // What has no date is in no bucket, and so in no total.
    const dated = { field: panel.date, op: "notEmpty" };
    const all = await sums(actor, table, panel.amount, base ? { and: [base, dated] } : dated, format);
    return {
      kind: "aging" as const,
      id: panel.id,
      title: panel.title,
      table: table.pluralLabel,
      link: listLink(table.key, base, { sort: panel.date }),
      buckets,
      total: all,
    };
  }

  async function sumView(panel: SumPanel, actor: Actor, table: CompiledTable, ctx: TokenContext, format: FormatOptions) {
    const filter = panel.filter === undefined ? undefined : resolveFilterTokens(panel.filter, ctx);
    return {
      kind: "sum" as const,
      id: panel.id,
      title: panel.title,
      table: table.pluralLabel,
      link: panel.link ?? listLink(table.key, filter),
      ...(await sums(actor, table, panel.amount, filter, format)),
    };
  }

  async function recent(actor: Actor, compiled: CompiledSchema, limit: number) {
    if (actor.id === null) return [];
    const views = await recordViews(db, actor.id);
    const found = new Map<string, RecordJson>();
    const byTable = new Map<string, number[]>();
    for (const v of views) byTable.set(v.tableId, [...(byTable.get(v.tableId) ?? []), v.recordId]);
    for (const [tableId, ids] of byTable) {
      const table = compiled.tablesById.get(tableId);
      if (!table || !mayDo(actor, "read", table)) continue;
      for (const [id, record] of await records.getMany(actor, table.key, ids)) found.set(`${tableId}/${id}`, record);
    }
    const rows = [];
    for (const v of views) {
      const record = found.get(`${v.tableId}/${v.recordId}`);
      const table = compiled.tablesById.get(v.tableId);
      if (!record || !table) continue;
      rows.push({ table: table.label, title: titleOf(table, record), href: `/t/${encodeURIComponent(table.key)}/${v.recordId}` });
      if (rows.length === limit) break;
    }
    return rows;
  }

  async function failedRunsView(id: string, title: string, compiled: CompiledSchema, limit: number, format: FormatOptions) {
    const [runs, rules] = await Promise.all([automation.rules.failedRuns(limit), automation.rules.list()]);
    const names = new Map(rules.map((r) => [r.id, r.name]));
    return {
      kind: "failedRuns" as const,
      id,
      title,
      link: "/admin/rules",
      rows: runs.map((run) => {
        const table = compiled.tablesByKey.get(run.table);
        return {
          id: run.id,
          rule: names.get(run.ruleId) ?? `Rule #${run.ruleId}`,
          record: `${table?.label ?? run.table} #${run.recordId}`,
          href: table ? `/t/${encodeURIComponent(table.key)}/${run.recordId}` : null,
          error: run.error ?? "",
          at: run.updatedAt,
          atText: formatDateTimeDisplay(run.updatedAt, format.locale, format.timeZone),
        };
      }),
    };
  }
}

function columnLabel(table: CompiledTable, key: string): string {
  return key === "id" ? "#" : (table.fieldsByKey.get(key)?.label ?? key);
}

function isNumericColumn(table: CompiledTable, key: string): boolean {
  const f = table.fieldsByKey.get(key);
  return !!f && isNumeric(f.def);
}

function isCompact(table: CompiledTable, key: string): boolean {
  const f = table.fieldsByKey.get(key);
  return !f || isNumeric(f.def) || isDated(f.def);
}

function cell(compiled: CompiledSchema, table: CompiledTable, row: RecordJson, key: string, format: FormatOptions): HomeCell {
  if (key === "id") return { text: `#${String(row.id)}` };
  const field = table.fieldsByKey.get(key)!;
  const value = row[key];
  if (isLinkColumn(table, key)) {
    const expanded = (row._expanded as Record<string, { id: number; title: string }> | undefined)?.[key];
    if (!expanded) return { text: "" };
    const target = relationTarget(field);
    const linkable = target && target !== USERS_TABLE && compiled.tablesByKey.has(target);
    return { text: expanded.title, ...(linkable ? { href: `/t/${encodeURIComponent(target)}/${expanded.id}` } : {}) };
  }
  const text = valueKindOf(field.def).formatDisplay(value, field.def, format, row);
  return { text, numeric: isNumericColumn(table, key) };
}
