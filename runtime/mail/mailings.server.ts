import { tablesName } from "../i18n/schema-names";
import type { Knex } from "knex";
import { appSecrets } from "../auth/app-secrets.server";
import { dbNow } from "../db/system-tables.server";
import type { JobQueue } from "../jobs/queue.server";
import type { JobHandlers } from "../jobs/types";
import { authorize, isAdmin, mayDo, type Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import { requireTable, type CompiledTable } from "../schema/compile";
import { toFilter } from "../views/conditions";
import { fromStoredState } from "../views/stored-view";
import { sentences } from "../views/view-words";
import type { ViewsService } from "../views/views.server";
import type { WorkspaceService } from "../workspace/workspace.server";
import { parseRecipients } from "./headers";
import { MAILINGS_TABLE } from "./mail-tables.server";
import type { MailService } from "./mail.server";
import type { MailTemplate } from "./mail-templates.server";
import { suppress, suppressedAmong } from "./suppressions.server";
import { createMailingPreparation, senderWords, unsubscribeUrl, withFooter } from "./mailing-prepare.server";
import { createMailingRows, type ListQuery, type MailingRow } from "./mailing-rows.server";
import { verifyUnsubscribe, type UnsubscribeClaim } from "./unsubscribe-token";
import {
  SKIP_REASONS,
  type MailingCounts,
  type MailingDetail,
  type MailingOptions,
  type MailingPreview,
  type MailingStatus,
  type MailingSummary,
  type RecipientStatus,
} from "./mailing-types";
import { mailRefusal, mailRefusalOf } from "./mail-words";

export type { MailingCounts, MailingDetail, MailingOptions, MailingPreview, MailingStatus, MailingSummary, RecipientStatus };

export const PREPARE_MAILING_JOB = "mailing.prepare";
/** Recipients a mailing's page lists; the counts cover them all. */
const MAX_LISTED = 2_000;

export interface MailingsService {
  /** What the new-mailing form offers the actor: templates of tables they may read, and each table's list views. */
  options(actor: Actor): Promise<MailingOptions>;
  /** The first recipients of a list, and one of them (or the first) filled in as it would be sent. */
  preview(actor: Actor, input: { template?: unknown; view?: unknown; record?: unknown }, origin: string): Promise<MailingPreview>;
  /** Makes the mailing and queues its preparation; the recipients are read as the actor may read them. */
  create(actor: Actor, input: { template?: unknown; view?: unknown; table?: unknown }, origin: string): Promise<{ id: number }>;
  /** The actor's mailings (an admin's: everyone's), newest first, with counts. */
  list(actor: Actor): Promise<MailingSummary[]>;
  /** One mailing with every recipient's state; 404 for someone else's (unless admin). */
  get(actor: Actor, id: unknown): Promise<MailingDetail>;
  /**
   * What an unsubscribe link names, for its public page; 400 for a token that is forged, altered or
   * cut (the page says so rather than failing).
   */
  unsubscribeClaim(token: unknown): Promise<UnsubscribeClaim>;
  /** Puts the link's address on the suppression list (idempotent). */
  unsubscribe(token: unknown): Promise<UnsubscribeClaim>;
  /** Whether the actor may start a mailing: some table they read has a message template. */
  mayStart(actor: Actor): Promise<boolean>;
  handlers: JobHandlers;
}

export interface MailingsDeps {
  db: Knex;
  records: RecordsService;
  workspace: Pick<WorkspaceService, "current">;
  views: ViewsService;
  queue: JobQueue;
  mail: MailService;
}

function publicBase(origin: string, env: Record<string, string | undefined>): string {
  const configured = env.TESSERA_PUBLIC_URL?.trim();
  const base = configured || origin;
  if (!/^https?:\/\/[^\s/]+/i.test(base)) throw new Error(`TESSERA_PUBLIC_URL must be an http(s) address, not "${base}"`);
  return base.replace(/\/+$/, "");
}

export interface MailingsOptions {
  /** Where TESSERA_PUBLIC_URL and SESSION_SECRET are read from (tests pass their own). */
  env?: Record<string, string | undefined>;
  /** Records per preparing batch (tests make it small to stop between batches). */
  batchRows?: number;
}

export function createMailings(deps: MailingsDeps, options: MailingsOptions = {}): MailingsService {
  const { db, records, workspace, views, queue, mail } = deps;
  const env = options.env ?? process.env;
  const rows = createMailingRows(db, workspace);

  /** The template and its table, which the actor must be allowed to read. */
  async function templateFor(actor: Actor, id: unknown): Promise<{ template: MailTemplate; table: CompiledTable }> {
    if (typeof id !== "string" || id === "") throw mailRefusal(400, "templateRequired");
    const template = await mail.templates.get(id);
    const table = requireTable((await workspace.current()).compiled, template.table);
    authorize(actor, "read", table);
    return { template, table };
  }

  /**
   * A saved list view's filter and search as the actor may use it; no view is the whole table. A
   * view that lost a condition (its field was removed) is refused: dropping it would write to more people.
   */
  async function listOf(actor: Actor, table: CompiledTable, view: unknown): Promise<{ id: number | null; name: string; query: ListQuery }> {
    if (view === undefined || view === null || view === "" || view === "all")
      return { id: null, name: `All ${table.pluralLabel}`, query: {} };
    const found = (await views.list(actor, table.id)).find((v) => String(v.id) === String(view));
    if (!found) throw mailRefusal(404, "noView", { view: String(view).slice(0, 40), tables: tablesName(table) });
    const { state, notices } = fromStoredState(table, found.state, found.name);
    if (notices.length) throw mailRefusal(422, "viewBroken", { name: found.name, notices: sentences(notices) });
    const filter = toFilter(state.conditions ?? [], state.mode ?? "and");
    return { id: found.id, name: found.name, query: { ...(filter ? { filter } : {}), ...(state.q ? { q: state.q } : {}) } };
  }

  async function requireEnabled() {
    const setup = await mail.setup();
    if (!setup.enabled) throw mailRefusalOf(503, setup.words);
    return setup.config;
  }

  return {
    async options(actor) {
      const { compiled } = await workspace.current();
      const templates = (await mail.templates.list()).filter((t) => {
        const table = compiled.tablesByKey.get(t.table);
        return table !== undefined && mayDo(actor, "read", table);
      });
      const tables = [];
      for (const key of new Set(templates.map((t) => t.table))) {
        const table = compiled.tablesByKey.get(key)!;
        const saved = await views.list(actor, table.id);
        tables.push({
          key,
          label: table.pluralLabel,
          views: [
            { id: "all", name: `All ${table.pluralLabel}` },
            ...saved.map((v) => ({ id: String(v.id), name: v.name, translations: v.translations })),
          ],
        });
      }
      const setup = await mail.setup();
      return {
        enabled: setup.enabled,
        ...(setup.enabled ? {} : { reason: setup.reason, reasonWords: setup.words }),
        templates: templates.map((t) => ({ id: t.id, name: t.name, table: t.table })),
        tables,
      };
    },

    async preview(actor, input, origin) {
      const { template, table } = await templateFor(actor, input.template);
      const list = await listOf(actor, table, input.view);
      const page = await records.list(actor, table.key, { ...list.query, sort: "id", pageSize: 50 });
      const label = (r: Record<string, unknown>) =>
        table.titleField && r[table.titleField] != null ? String(r[table.titleField]) : `${table.label} #${String(r.id)}`;
      const recipients = page.rows.map((r) => ({ id: r.id, label: label(r) }));
      const none = input.record === undefined || input.record === null || input.record === "";
      if (!none && !/^\d{1,12}$/.test(String(input.record))) throw mailRefusal(400, "recordId");
      const chosen = none ? page.rows[0]?.id : Number(input.record);
      let message: MailingPreview["message"] = null;
      if (chosen !== undefined) {
        // Only a record of the list: the preview is no way round reading what the list does not show.
        const within = await records.list(actor, table.key, {
          filter: list.query.filter
            ? { and: [list.query.filter, { field: "id", op: "eq", value: chosen }] }
            : { field: "id", op: "eq", value: chosen },
          q: list.query.q,
          pageSize: 1,
        });
        if (within.rows.length === 0) throw mailRefusal(404, "notOnList", { record: String(input.record).slice(0, 20), list: list.name });
        const composed = await mail.compose(actor, template, chosen);
        const url = unsubscribeUrl(publicBase(origin, env), "…");
        const address = parseRecipients(composed.to);
        const suppressed = address.ok && (await suppressedAmong(db, [address.addresses[0]])).size > 0;
        message = {
          record: chosen,
          to: composed.to,
          subject: composed.subject,
          body: withFooter(composed.body, url, await senderWords(db, actor.id)),
          ...(!composed.to.trim()
            ? { skipped: SKIP_REASONS.noAddress }
            : !address.ok
              ? { skipped: SKIP_REASONS.invalidAddress }
              : suppressed
                ? { skipped: SKIP_REASONS.unsubscribed }
                : {}),
        };
      }
      return { table: table.key, view: list.name, total: page.total, totalExact: page.totalExact, recipients, message };
    },

    async create(actor, input, origin) {
      const { template, table } = await templateFor(actor, input.template);
      if (input.table !== undefined && input.table !== table.key)
        throw mailRefusal(400, "wrongTable", { name: template.name, table: template.table, other: String(input.table).slice(0, 64) });
      const list = await listOf(actor, table, input.view);
      await requireEnabled();
      // Read now as the sender: a filter the records service refuses is refused here, and an empty list is no mailing.
      const probe = await records.list(actor, table.key, { ...list.query, pageSize: 1 });
      if (probe.rows.length === 0) throw mailRefusal(422, "emptyList", { name: list.name });
      const id = await db.transaction(async (trx) => {
        const [inserted] = await trx(MAILINGS_TABLE).insert({
          table_key: table.key,
          view_id: list.id,
          view_name: list.name,
          template_id: template.id,
          template_name: template.name,
          base_url: publicBase(origin, env),
          list_query: JSON.stringify(list.query),
          status: "preparing",
          created_by: actor.id,
          created_at: dbNow(queue.now()),
        });
        const mailingId = Number(inserted);
        await queue.enqueue(
          { type: PREPARE_MAILING_JOB, payload: { mailing: mailingId }, key: `mailing:${mailingId}`, createdBy: actor.id },
          trx,
        );
        return mailingId;
      });
      return { id };
    },

    async list(actor) {
      const q = db(MAILINGS_TABLE).orderBy("id", "desc").limit(200);
      if (!isAdmin(actor)) q.where({ created_by: actor.id ?? -1 });
      return rows.summaries((await q) as MailingRow[]);
    },

    async get(actor, id) {
      const row = await rows.row(actor, id);
      const [summary] = await rows.summaries([row]);
      const recipients: RecipientStatus[] = (await rows.recipients(Number(row.id), MAX_LISTED)).map((r) => ({
        record: Number(r.record_id),
        label: r.label,
        address: r.address,
        status: (r.skipped ? "skipped" : (r.status ?? "queued")) as RecipientStatus["status"],
        ...(r.skipped ? { reason: r.skipped } : r.status === "skipped" ? { reason: SKIP_REASONS.unsubscribed } : {}),
        ...(r.error && r.status !== "sent" ? { error: r.error } : {}),
        ...(r.sent_at ? { sentAt: String(r.sent_at) } : {}),
        attempts: Number(r.attempts ?? 0),
      }));
      return { ...summary, recipients, more: summary.counts.total > recipients.length };
    },

    async unsubscribeClaim(token) {
      const claim = verifyUnsubscribe(await appSecrets(db, env), token);
      if (!claim) throw mailRefusal(400, "badUnsubscribe");
      return claim;
    },

    async unsubscribe(token) {
      const claim = await this.unsubscribeClaim(token);
      await suppress(db, claim.address, claim.mailingId);
      return claim;
    },

    async mayStart(actor) {
      const { compiled } = await workspace.current();
      return (await mail.templates.tables()).some((key) => {
        const table = compiled.tablesByKey.get(key);
        return table !== undefined && mayDo(actor, "read", table);
      });
    },

    handlers: {
      [PREPARE_MAILING_JOB]: createMailingPreparation({ db, records, queue, mail, rows }, { env, batchRows: options.batchRows }) as never,
    },
  };
}
