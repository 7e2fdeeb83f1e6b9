import type { Knex } from "knex";
import { actorForUser } from "../auth/actors.server";
import { appSecrets } from "../auth/app-secrets.server";
import { getUser } from "../auth/users.server";
import { languageCodes, languagePack } from "../i18n/catalogs.server";
import { FALLBACK_LANGUAGE } from "../i18n/negotiate";
import { createTranslator, type Words } from "../i18n/translator";
import { dbNow } from "../db/system-tables.server";
import { ApiError } from "../errors";
import type { JobQueue } from "../jobs/queue.server";
import { PermanentJobError, type JobContext } from "../jobs/types";
import type { RecordsService } from "../records/service.server";
import { parseRecipients } from "./headers";
import { MAILING_RECIPIENTS_TABLE, MAILINGS_TABLE } from "./mail-tables.server";
import type { MailService } from "./mail.server";
import type { ListQuery, MailingRow, MailingRows } from "./mailing-rows.server";
import { queueMessage } from "./messages.server";
import { takeSendSlots } from "./send-rate.server";
import { suppressedAmong } from "./suppressions.server";
import { SKIP_REASONS } from "./mailing-types";
import { signUnsubscribe } from "./unsubscribe-token";
import { mailRefusalOf } from "./mail-words";

/** Records read, filled in and queued per transaction while a mailing is prepared. */
const BATCH = 100;

export const unsubscribeUrl = (base: string, token: string) => `${base.replace(/\/+$/, "")}/unsubscribe/${token}`;
/** Every mailing message ends with its own unsubscribe link, whatever the template says, in the sender's words. */
export const withFooter = (body: string, url: string, t: Words) => `${body.trimEnd()}\n\n--\n${t("mailFooter.unsubscribe", { url })}\n`;

/**
 * The words of a mailing's footer: its sender's language, who wrote the template it follows
 * (their profile's choice; English when they follow their browser, which a job cannot ask).
 */
export async function senderWords(db: Knex, userId: number | null | undefined): Promise<Words> {
  return wordsIn(userId ? (await getUser(db, userId).catch(() => null))?.language : null);
}

function wordsIn(language: string | null | undefined): Words {
  return createTranslator(languagePack(language && languageCodes().includes(language) ? language : FALLBACK_LANGUAGE)).t;
}

export interface PreparationDeps {
  db: Knex;
  records: RecordsService;
  queue: JobQueue;
  mail: MailService;
  rows: MailingRows;
}

/** The `mailing.prepare` job: the list read as the sender, a message queued per recipient. */
export function createMailingPreparation(deps: PreparationDeps, options: { env: Record<string, string | undefined>; batchRows?: number }) {
  const { db, records, queue, mail, rows } = deps;
  const { env } = options;
  const batchRows = options.batchRows ?? BATCH;
  /** One batch of records made into recipients, their messages queued in their slots; the cursor moves on with them. */
  async function queueBatch(
    job: JobContext["job"],
    mailing: MailingRow,
    from: string,
    composed: { id: number; label: string; to: string; subject: string; body: string }[],
    nextCursor: string | null,
    words: Words,
  ) {
    const secrets = await appSecrets(db, env);
    await db.transaction(async (trx) => {
      const first = (to: string) => {
        const parsed = parseRecipients(to);
        return parsed.ok ? parsed.addresses[0].toLowerCase() : null;
      };
      const addresses = composed.map((c) => first(c.to));
      const suppressed = await suppressedAmong(
        trx,
        addresses.filter((a): a is string => a !== null),
      );
      const taken = new Set(
        (
          (await trx(MAILING_RECIPIENTS_TABLE)
            .where({ mailing_id: mailing.id })
            .whereNull("skipped")
            .whereIn(
              "address",
              addresses.filter((a): a is string => a !== null),
            )
            .select("address")) as { address: string }[]
        ).map((r) => r.address),
      );
      const plan = composed.map((c, i) => {
        const address = addresses[i];
        let skipped: string | null = null;
        if (!c.to.trim()) skipped = SKIP_REASONS.noAddress;
        else if (address === null) skipped = SKIP_REASONS.invalidAddress;
        else if (suppressed.has(address)) skipped = SKIP_REASONS.unsubscribed;
        else if (taken.has(address)) skipped = SKIP_REASONS.duplicate;
        if (address && !skipped) taken.add(address);
        return { ...c, address: address ?? c.to.slice(0, 254), skipped };
      });
      const slots = await takeSendSlots(trx, queue.now(), plan.filter((p) => !p.skipped).length);
      for (const p of plan) {
        let messageId: number | null = null;
        if (!p.skipped) {
          const url = unsubscribeUrl(mailing.base_url, signUnsubscribe(secrets, { mailingId: Number(mailing.id), address: p.address }));
          messageId = await queueMessage(trx, queue, from, {
            table: mailing.table_key,
            recordId: p.id,
            templateId: mailing.template_id,
            attachTemplate: null,
            to: [p.address],
            subject: p.subject,
            body: withFooter(p.body, url, words),
            createdBy: mailing.created_by === null ? null : Number(mailing.created_by),
            mailing: {
              id: Number(mailing.id),
              // The one-click address takes the provider's POST (RFC 8058); opened in a browser it shows the page.
              headers: { "List-Unsubscribe": `<${url}/one-click>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
              slot: slots.shift()!,
            },
          });
        }
        await trx(MAILING_RECIPIENTS_TABLE).insert({
          mailing_id: mailing.id,
          record_id: p.id,
          label: p.label.slice(0, 200),
          address: p.address.slice(0, 254),
          message_id: messageId,
          skipped: p.skipped,
        });
      }
      await trx(MAILINGS_TABLE)
        .where({ id: mailing.id })
        .update({ cursor: nextCursor ?? "" });
      await queue.progress(job, { queued: composed.length }, trx);
    });
  }

  /**
   * Reads the list as the sender (their role now), fills the template in for each record and
   * queues its message, a batch per transaction. After a crash it goes on from the last committed
   * batch: no record is queued twice, none is left out.
   */
  async function prepare({ job, payload }: JobContext<{ mailing: number }>) {
    const mailing = await rows.row(null, payload.mailing).catch(() => {
      throw new PermanentJobError(`mailing ${payload.mailing} no longer exists`);
    });
    if (mailing.status !== "preparing") return { status: mailing.status };
    try {
      if (mailing.created_by === null) throw new PermanentJobError("the mailing has no sender");
      const user = await getUser(db, Number(mailing.created_by)).catch(() => null);
      if (!user || !user.active) throw new PermanentJobError("the sender's account no longer exists or is deactivated");
      const actor = await actorForUser(db, user);
      const template = await mail.templates.get(mailing.template_id).catch(() => {
        throw new PermanentJobError(`the message template "${mailing.template_name}" was deleted`);
      });
      const setup = await mail.setup();
      if (!setup.enabled) throw mailRefusalOf(503, setup.words);
      const { config } = setup;
      const words = wordsIn(user.language);
      const query = JSON.parse(mailing.list_query) as ListQuery;
      let cursor = mailing.cursor || undefined;
      if (mailing.cursor === "") cursor = undefined;
      for (let more = mailing.cursor !== ""; more;) {
        const page = await records.list(actor, mailing.table_key, { ...query, sort: "id", pageSize: batchRows, cursor, count: false });
        const composed = [];
        for (const row of page.rows) {
          // A record deleted (or put out of reach) since the page was read is no recipient; a broken template stops the mailing.
          const filled = await mail.compose(actor, template, row.id).catch((error: unknown) => {
            if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
            throw error;
          });
          if (filled) composed.push({ id: row.id, ...filled });
        }
        await queueBatch(job, mailing, config.from, composed, page.nextCursor, words);
        cursor = page.nextCursor ?? undefined;
        more = page.nextCursor !== null;
      }
      await db(MAILINGS_TABLE)
        .where({ id: mailing.id })
        .update({ status: "sending", prepared_at: dbNow(queue.now()) });
      return { status: "sending" };
    } catch (error) {
      const permanent =
        error instanceof PermanentJobError || (error instanceof ApiError && error.status !== 503) || job.attempts >= job.maxAttempts;
      if (permanent) {
        const why = (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
        await db(MAILINGS_TABLE).where({ id: mailing.id }).update({ status: "failed", error: why });
        throw new PermanentJobError(why);
      }
      throw error;
    }
  }

  return prepare;
}
