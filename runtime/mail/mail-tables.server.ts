import type { Knex } from "knex";
import { columnTypeSql, dialectOf } from "../db/ddl.server";
import { createSystemTable } from "../db/system-tables.server";

export const MAIL_TEMPLATES_TABLE = "crm_mail_templates";
export const MAIL_MESSAGES_TABLE = "crm_mail_messages";

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
}
