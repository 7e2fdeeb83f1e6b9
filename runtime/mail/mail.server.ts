import { tablesName } from "../i18n/schema-names";
import type { Knex } from "knex";
import nodemailer, { type Transporter } from "nodemailer";
import { dbNow } from "../db/system-tables.server";
import { ApiError } from "../errors";
import { PermanentJobError, RunLaterError, type JobContext, type JobHandlers } from "../jobs/types";
import type { JobQueue } from "../jobs/queue.server";
import type { PrintService } from "../print/print.server";
import { createRecordContextLoader } from "../print/record-context.server";
import { renderLiquid, type PrintContext } from "../print/render-html";
import { mayDo, SYSTEM_ACTOR, type Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import { requireTable, type CompiledSchema, type CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { headerText, parseRecipients } from "./headers";
import { mailSetup, transportOptions, type MailSetup } from "./mail-config.server";
import { MAIL_MESSAGES_TABLE } from "./mail-tables.server";
import { createMailTemplates, type MailTemplate, type MailTemplates } from "./mail-templates.server";
import { queueMessage, SEND_MAIL_JOB } from "./messages.server";
import { defaultRecipient } from "./recipient.server";
import { fromDbTime, takeSendSlots } from "./send-rate.server";
import { suppressedAmong } from "./suppressions.server";
import type { MailOffer, MessageStatus } from "./types";
import { mailRefusal, mailRefusalOf } from "./mail-words";

export type { MailOffer, MessageStatus };

export interface SendInput {
  to?: unknown;
  template?: unknown;
  subject?: unknown;
  body?: unknown;
  /** A print template id; absent for the table's first offered, null for none. */
  attach?: unknown;
}

export interface MailService {
  templates: MailTemplates;
  setup(): Promise<MailSetup>;
  offer(actor: Actor, table: string, id: unknown): Promise<MailOffer>;
  /** Checks, renders and queues one message; it is sent by the job queue. */
  send(actor: Actor, table: string, id: unknown, input: SendInput): Promise<{ id: number; status: MessageStatus }>;
  /** A message's state, for whoever may read its record (404 otherwise). */
  status(actor: Actor, id: unknown): Promise<{ status: MessageStatus; error?: string }>;
  /**
   * A template filled in for one record as `actor` may read it, and the record's address: what a
   * mailing previews and sends. Throws as reading the record would (403/404), 422 for a broken template.
   */
  compose(actor: Actor, template: MailTemplate, id: unknown): Promise<{ to: string; subject: string; body: string; label: string }>;
  handlers: JobHandlers;
}

export interface MailServiceOptions {
  /** Connection, greeting and socket timeouts of the SMTP client (default 30 s; tests shorten it). */
  timeoutMs?: number;
  /** The environment SMTP_URL and MAIL_FROM are read from (tests pass their own). */
  env?: Record<string, string | undefined>;
  locale?: string;
}

interface MessageRow {
  id: number;
  message_id: string;
  table_key: string;
  record_id: number;
  attach_template: string | null;
  to_address: string;
  subject: string;
  body: string;
  status: MessageStatus;
  error: string | null;
  mailing_id: number | null;
  headers: string | null;
  send_slot: string | null;
}

export { SEND_MAIL_JOB };

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&#34;": '"', "&#39;": "'" };
/** Liquid escapes its output for HTML; a subject and a plain-text body want the characters back. */
const unescape = (html: string) => html.replace(/&(?:amp|lt|gt|#34|#39);/g, (e) => ENTITIES[e]);
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/**
 * The plain text the user saw and edited, as HTML that shows exactly that text. Only this
 * message's own unsubscribe address becomes a link (it must be one click): other addresses may
 * come from record values a stranger typed into a web form, and a company-branded message must not
 * make them clickable. The address is escaped like the text around it.
 */
const bodyHtml = (text: string, unsubscribe: string | null) => {
  const html = escapeHtml(text);
  const link = unsubscribe ? escapeHtml(unsubscribe) : null;
  return `<div style="font-family:sans-serif;white-space:pre-wrap">${link ? html.split(link).join(`<a href="${link}">${link}</a>`) : html}</div>`;
};

/** The page a mailing's List-Unsubscribe header points at (its one-click address, less `/one-click`). */
function unsubscribePage(headers: Record<string, string> | null): string | null {
  const value = headers ? Object.entries(headers).find(([k]) => k.toLowerCase() === "list-unsubscribe")?.[1] : undefined;
  return /^<(https?:\/\/[^>\s]+)\/one-click>$/.exec(value ?? "")?.[1] ?? null;
}

/** A mailing message's stored headers, each made one line again on the way out. */
function extraHeaders(stored: string): Record<string, string> {
  const parsed = JSON.parse(stored) as Record<string, string>;
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [headerText(k, 80), headerText(v, 2_000)]));
}

function optionalText(value: unknown, name: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw mailRefusal(400, "notText", { key: name });
  if (value.length > max) throw mailRefusal(400, "tooLong", { key: name, max });
  return value;
}

export function createMailService(
  deps: { db: Knex; records: RecordsService; workspace: Pick<WorkspaceService, "current">; print: PrintService; queue: JobQueue },
  options: MailServiceOptions = {},
): MailService {
  const { db, records, workspace, print, queue } = deps;
  const templates = createMailTemplates(db, workspace);
  const env = options.env ?? process.env;
  const timeout = options.timeoutMs ?? 30_000;
  const locale = options.locale ?? (env.TESSERA_PRINT_LOCALE || "en-GB");
  const transports = new Map<string, Transporter>();

  const transport = (url: string) => {
    let t = transports.get(url);
    if (!t) {
      t = nodemailer.createTransport(transportOptions(url, timeout));
      transports.set(url, t);
    }
    return t;
  };

  /** The record as its print templates see it (same loader, same rights), for rendering messages. */
  async function contextFor(
    actor: Actor,
    compiled: CompiledSchema,
    table: CompiledTable,
    id: unknown,
    texts: string,
  ): Promise<PrintContext> {
    const loader = createRecordContextLoader({ db, records, compiled, actor });
    const raw = await records.get(actor, table.key, id);
    const record = await loader.expand(table, raw, (name) => new RegExp(`\\b${name}\\b`).test(texts));
    return {
      record,
      company: await loader.company(),
      today: new Date().toISOString().slice(0, 10),
      template: { id: "mail", name: "mail", table: table.key },
    };
  }

  /** Subject and body filled in for a record; a template that fails to render is refused with why (422). */
  const render = (template: Pick<MailTemplate, "name" | "subject" | "body">, context: PrintContext, compiled: CompiledSchema) => {
    try {
      return {
        subject: headerText(unescape(renderLiquid(template.subject, context, { compiled, locale }))),
        body: unescape(renderLiquid(template.body, context, { compiled, locale })),
      };
    } catch (error) {
      const why = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      throw mailRefusal(422, "unfilled", { name: template.name, why });
    }
  };
  /** For the card: a broken template is offered empty with its problem, and the card still opens. */
  const renderForCard = (template: MailTemplate, context: PrintContext, compiled: CompiledSchema) => {
    try {
      return render(template, context, compiled);
    } catch (error) {
      return { subject: "", body: "", problem: (error as Error).message };
    }
  };

  async function attachable(actor: Actor, table: CompiledTable, id: unknown) {
    if (!mayDo(actor, "print", table)) return [];
    return (await print.offered(actor, table.key, id)).filter((t) => t.offered !== false).map((t) => ({ id: t.id, name: t.name }));
  }

  async function row(id: unknown): Promise<MessageRow> {
    const n = Number(id);
    const found = Number.isSafeInteger(n)
      ? ((await db(MAIL_MESSAGES_TABLE).where({ id: n }).first()) as MessageRow | undefined)
      : undefined;
    if (!found) throw mailRefusal(404, "noMessage", { id: String(id).slice(0, 32) });
    return found;
  }

  /**
   * A mailing's message goes only to an address that has not unsubscribed since it was queued,
   * and only in its rate-limit slot: one taken when it was queued, or a new one for a retry.
   */
  async function mailingGate(job: JobContext["job"], message: MessageRow): Promise<"send" | "skipped"> {
    if ((await suppressedAmong(db, message.to_address.split(", "))).size > 0) {
      await db.transaction(async (trx) => {
        await trx(MAIL_MESSAGES_TABLE)
          .where({ id: message.id })
          .update({ status: "skipped", error: "the address unsubscribed", send_slot: null });
        await queue.complete(job, { status: "skipped" }, trx);
      });
      return "skipped";
    }
    const now = queue.now();
    const slot = message.send_slot
      ? fromDbTime(message.send_slot)
      : await db.transaction(async (trx) => {
          const [taken] = await takeSendSlots(trx, now, 1);
          await trx(MAIL_MESSAGES_TABLE)
            .where({ id: message.id })
            .update({ send_slot: dbNow(taken) });
          return taken;
        });
    if (slot.getTime() > now.getTime()) throw new RunLaterError(slot);
    return "send";
  }

  async function deliver({ job, payload }: JobContext<{ message: number }>) {
    const message = await row(payload.message).catch(() => {
      throw new PermanentJobError(`message ${payload.message} no longer exists`);
    });
    // Idempotent: a message already sent (its job ran again after a crash) is not sent twice.
    if (message.status === "sent" || message.status === "skipped") return { status: message.status };
    if (message.mailing_id !== null && (await mailingGate(job, message)) === "skipped") return { status: "skipped" };
    const attempt = { attempts: job.attempts, send_slot: null };
    try {
      const setup = await mailSetup(db, env);
      if (!setup.enabled) throw new Error(setup.reason);
      const attachments = [];
      if (message.attach_template) {
        // Permission was checked when the message was queued; the PDF shows the record as it is now.
        const pdf = await print.printRecord(SYSTEM_ACTOR, message.attach_template, message.record_id).catch((error: unknown) => {
          throw error instanceof ApiError ? new PermanentJobError(`the attachment could not be printed: ${error.message}`) : error;
        });
        attachments.push({ filename: pdf.filename, content: pdf.pdf, contentType: "application/pdf" });
      }
      const headers = message.headers ? extraHeaders(message.headers) : null;
      await transport(setup.config.smtpUrl).sendMail({
        from: setup.config.from,
        to: message.to_address.split(", "),
        subject: headerText(message.subject),
        text: message.body,
        html: bodyHtml(message.body, unsubscribePage(headers)),
        messageId: message.message_id,
        attachments,
        ...(headers ? { headers } : {}),
      });
    } catch (error) {
      const final = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      const text = (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
      await db(MAIL_MESSAGES_TABLE)
        .where({ id: message.id })
        .update({ status: final ? "failed" : "retrying", error: text, ...attempt });
      throw error;
    }
    // Sent: the message and its job are marked in one transaction, so neither can say otherwise.
    await db.transaction(async (trx) => {
      await trx(MAIL_MESSAGES_TABLE)
        .where({ id: message.id })
        .update({ status: "sent", error: null, sent_at: dbNow(queue.now()), ...attempt });
      await queue.complete(job, { status: "sent" }, trx);
    });
    return { status: "sent" };
  }

  return {
    templates,
    setup: () => mailSetup(db, env),

    async offer(actor, tableKey, id) {
      const { compiled } = await workspace.current();
      const table = requireTable(compiled, tableKey);
      const setup = await mailSetup(db, env);
      // Off: the card shows the action disabled, and pays for nothing more.
      if (!setup.enabled) return { enabled: false, reason: setup.reason, reasonWords: setup.words, to: "", templates: [], attachments: [] };
      const list = await templates.list(table.key);
      const context = await contextFor(actor, compiled, table, id, list.map((t) => `${t.subject}\n${t.body}`).join("\n"));
      return {
        enabled: true,
        to: await defaultRecipient(actor, records, compiled, table, context.record),
        templates: list.map((t) => ({ id: t.id, name: t.name, ...renderForCard(t, context, compiled) })),
        attachments: await attachable(actor, table, id),
      };
    },

    async send(actor, tableKey, id, input) {
      if (typeof input !== "object" || input === null) throw mailRefusal(400, "sendShape");
      const { compiled } = await workspace.current();
      const table = requireTable(compiled, tableKey);
      // Reading the record applies the role and its row scope: someone else's record is a 404.
      const stored = await records.get(actor, table.key, id);
      const setup = await mailSetup(db, env);
      if (!setup.enabled) throw mailRefusalOf(503, setup.words);

      let template: MailTemplate | undefined;
      if (input.template !== undefined && input.template !== null) {
        template = await templates.get(input.template);
        if (template.table !== table.key)
          throw mailRefusal(400, "wrongTable", { name: template.name, table: template.table, other: table.key });
      } else template = (await templates.list(table.key))[0];
      const texts = template ? `${template.subject}\n${template.body}` : "";
      const context = await contextFor(actor, compiled, table, stored.id, texts);
      const rendered = template ? render(template, context, compiled) : { subject: "", body: "" };

      const to = optionalText(input.to, "to", 2_000) ?? (await defaultRecipient(actor, records, compiled, table, context.record));
      const recipients = parseRecipients(to);
      if (!recipients.ok) throw mailRefusal(400, "to", { reason: recipients.words });
      const subject = headerText(optionalText(input.subject, "subject", 1_000) ?? rendered.subject);
      if (!subject) throw mailRefusal(400, "noSubject");
      const body = optionalText(input.body, "body", 200_000) ?? rendered.body;

      let attach: string | null = null;
      if (input.attach === undefined) attach = (await attachable(actor, table, stored.id))[0]?.id ?? null;
      else if (input.attach !== null && input.attach !== false) {
        // Attaching prints: the actor must be allowed to print this table with this template.
        const checked = await print.checkBatch(actor, input.attach);
        if (checked.table !== table.key) throw mailRefusal(400, "attachTable", { id: String(input.attach), tables: tablesName(table) });
        const offered = (await print.offered(actor, table.key, stored.id)).find((t) => t.id === input.attach);
        if (offered?.offered === false) throw mailRefusal(422, "attachNotOffered", { name: offered.name });
        attach = String(input.attach);
      }

      const messageRowId = await db.transaction((trx) =>
        queueMessage(trx, queue, setup.config.from, {
          table: table.key,
          recordId: stored.id,
          templateId: template?.id ?? null,
          attachTemplate: attach,
          to: recipients.addresses,
          subject,
          body,
          createdBy: actor.id,
        }),
      );
      return { id: messageRowId, status: "queued" };
    },

    async status(actor, id) {
      const message = await row(id);
      await records.get(actor, message.table_key, message.record_id).catch((error: unknown) => {
        if (error instanceof ApiError && (error.status === 403 || error.status === 404))
          throw mailRefusal(404, "noMessage", { id: String(id).slice(0, 32) });
        throw error;
      });
      return { status: message.status, ...(message.error && message.status !== "sent" ? { error: message.error } : {}) };
    },

    async compose(actor, template, id) {
      const { compiled } = await workspace.current();
      const table = requireTable(compiled, template.table);
      const context = await contextFor(actor, compiled, table, id, `${template.subject}\n${template.body}`);
      const title = table.titleField ? context.record[table.titleField] : undefined;
      return {
        ...render(template, context, compiled),
        to: await defaultRecipient(actor, records, compiled, table, context.record),
        label: headerText(
          typeof title === "string" || typeof title === "number" ? String(title) : `${table.label} #${String(context.record.id)}`,
          200,
        ),
      };
    },

    handlers: { [SEND_MAIL_JOB]: deliver as never },
  };
}
