import type { Knex } from "knex";
import { columnTypeSql, dialectOf } from "../db/ddl.server";
import { createSystemTable, ensureColumn } from "../db/system-tables.server";

export const MAIL_TEMPLATES_TABLE = "crm_mail_templates";
export const MAIL_MESSAGES_TABLE = "crm_mail_messages";
export const MAILINGS_TABLE = "crm_mailings";
export const MAILING_RECIPIENTS_TABLE = "crm_mailing_recipients";
export const SUPPRESSIONS_TABLE = "crm_mail_suppressions";

/** Message templates (admins edit them) and every message sent from a card, with its state. */
export async function ensureMailTables(db: Knex): Promise<void> {
  const longtext = columnTypeSql({ type: "text", size: "long" }, dialectOf(db));
  await createSystemTable(db, MAIL_TEMPLATES_TABLE, (t) => {
    t.string("id", 64).primary();
    t.string("table_key", 64).notNullable().index();
    t.string("name", 200).notNullable();
    t.text("subject").notNullable();
    t.specificType("body", longtext).notNullable();
    t.string("created_at", 32).notNullable();
  });
  // The template's name in other languages (ADR 035), as JSON.
  await ensureColumn(db, MAIL_TEMPLATES_TABLE, "translations", (t) => void t.text("translations").nullable());
  await createSystemTable(db, MAIL_MESSAGES_TABLE, (t) => {
    t.increments("id").primary();
    // The Message-ID header: the same on every attempt, so a receiver can tell a repeat.
    t.string("message_id", 200).notNullable().unique();
    t.string("table_key", 64).notNullable();
    t.integer("record_id").notNullable();
    t.string("template_id", 64).nullable();
    t.string("attach_template", 64).nullable();
    t.text("to_address").notNullable();
    t.text("subject").notNullable();
    t.specificType("body", longtext).notNullable();
    // queued → sent, or retrying → … → sent | failed
    t.string("status", 16).notNullable();
    t.text("error").nullable();
    t.integer("attempts").notNullable().defaultTo(0);
    t.integer("created_by").nullable();
    t.string("created_at", 32).notNullable();
    t.string("sent_at", 32).nullable();
    t.index(["table_key", "record_id", "created_at"], "crm_mail_messages_record");
  });
  // A mailing's messages: which mailing, extra headers (List-Unsubscribe), and the send slot the rate limit gave it.
  await ensureColumn(db, MAIL_MESSAGES_TABLE, "mailing_id", (t) => void t.integer("mailing_id").nullable());
  await ensureColumn(db, MAIL_MESSAGES_TABLE, "headers", (t) => void t.text("headers").nullable());
  await ensureColumn(db, MAIL_MESSAGES_TABLE, "send_slot", (t) => void t.string("send_slot", 32).nullable());
  await ensureMailingTables(db);
}

/** Mailings, their recipients, and the addresses no mailing may write to again (docs/decisions/029-mailings.md). */
async function ensureMailingTables(db: Knex): Promise<void> {
  await createSystemTable(db, MAILINGS_TABLE, (t) => {
    t.increments("id").primary();
    t.string("table_key", 64).notNullable();
    t.integer("view_id").nullable();
    t.string("view_name", 200).notNullable();
    t.string("template_id", 64).notNullable();
    t.string("template_name", 200).notNullable();
    // The list as it was when the mailing was made ({ filter, q }): what was previewed is what is sent.
    t.text("list_query").notNullable();
    // The address unsubscribe links point at: where the sender reached the app, or TESSERA_PUBLIC_URL.
    t.string("base_url", 300).notNullable();
    // preparing → sending → done; failed when the list could not be read (error says why)
    t.string("status", 16).notNullable();
    t.text("error").nullable();
    // How far preparing got: the records service's keyset cursor, committed with each batch.
    t.text("cursor").nullable();
    t.integer("created_by").nullable();
    t.string("created_at", 32).notNullable();
    t.string("prepared_at", 32).nullable();
    t.index(["created_by", "id"], "crm_mailings_creator");
  });
  await createSystemTable(db, MAILING_RECIPIENTS_TABLE, (t) => {
    t.increments("id").primary();
    t.integer("mailing_id").notNullable();
    t.integer("record_id").notNullable();
    t.string("label", 200).notNullable();
    t.string("address", 254).notNullable();
    // null while its message says how it goes; skipped recipients have no message, and say why here.
    t.integer("message_id").nullable();
    t.string("skipped", 200).nullable();
    t.unique(["mailing_id", "record_id"], { indexName: "crm_mailing_recipients_record" });
  });
  await createSystemTable(db, SUPPRESSIONS_TABLE, (t) => {
    // Lower case: addresses differ in case more often than in mailboxes.
    t.string("address", 254).primary();
    t.integer("mailing_id").nullable();
    t.string("created_at", 32).notNullable();
  });
}
