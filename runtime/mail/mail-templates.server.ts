import crypto from "node:crypto";
import type { Knex } from "knex";
import { dbNow } from "../db/system-tables.server";
import { followRenamesInText } from "../print/references";
import { liquidSyntaxError } from "../print/render-html";
import type { CompiledSchema } from "../schema/compile";
import { requireAdmin, type Actor } from "../records/permissions";
import type { WorkspaceService } from "../workspace/workspace.server";
import { expiringMemo } from "../expiring-memo";
import { MAIL_TEMPLATES_TABLE } from "./mail-tables.server";
import { mailRefusal } from "./mail-words";
import { readTranslations, translationsToStore, type ItemTranslations } from "../i18n/item-names";

/** A message template: Liquid in subject and body, over the same context as a print template of its table. */
export interface MailTemplate {
  id: string;
  table: string;
  name: string;
  /** Its name in other languages (`nameIn`, ADR 035). */
  translations?: ItemTranslations;
  subject: string;
  body: string;
}

/** A template the configuration ships, stored once under its id the first time a database is seeded. */
export interface DefaultMailTemplate {
  id: string;
  table: string;
  name: string;
  translations?: ItemTranslations;
  subject: string;
  body: string;
}

export interface MailTemplates {
  /** A table's templates, oldest first (the first is the card's default); every table's without one. */
  list(table?: string): Promise<MailTemplate[]>;
  /** The tables that have a template: what every page's shell asks (may this reader start a mailing?), without the bodies. */
  tables(): Promise<string[]>;
  get(id: unknown): Promise<MailTemplate>;
  /** Creates (no id) or replaces one; admins only. Liquid that does not parse is refused with its line. */
  save(actor: Actor, input: unknown): Promise<MailTemplate>;
  remove(actor: Actor, id: unknown): Promise<void>;
  /** Follows fields renamed since `before` in every subject and body, as print templates do; returns how many changed. */
  followRenames(before: CompiledSchema): Promise<number>;
  /** The configuration's templates for a database being seeded; one already stored under the same id is kept as it is. */
  addDefaults(templates: readonly DefaultMailTemplate[]): Promise<void>;
}

interface Row {
  id: string;
  table_key: string;
  name: string;
  translations?: string | null;
  subject: string;
  body: string;
}

const toTemplate = (r: Row): MailTemplate => {
  const translations = readTranslations(r.translations);
  return { id: r.id, table: r.table_key, name: r.name, ...(translations ? { translations } : {}), subject: r.subject, body: r.body };
};

function text(input: Record<string, unknown>, key: string, max: number): string {
  const v = input[key];
  if (typeof v !== "string" || v.trim() === "") throw mailRefusal(400, "required", { key });
  if (v.length > max) throw mailRefusal(400, "tooLong", { key, max });
  return v;
}

/**
 * How long the tables with a template are remembered. Every page's shell asks (may this reader
 * start a mailing?), and templates change seldom: a change made here is seen at once, one made by
 * another instance within this time, as for sessions and tokens (ADR 034).
 */
export const TEMPLATE_TABLES_TTL_MS = 5_000;

export function createMailTemplates(db: Knex, workspace: Pick<WorkspaceService, "current">): MailTemplates {
  const tables = expiringMemo<"tables", string[]>(TEMPLATE_TABLES_TTL_MS);
  const changed = () => tables.forget();
  const service: MailTemplates = {
    async list(table) {
      const q = db(MAIL_TEMPLATES_TABLE).orderBy([{ column: "created_at" }, { column: "id" }]);
      if (table !== undefined) q.where({ table_key: table });
      return ((await q) as Row[]).map(toTemplate);
    },
    async tables() {
      const keys = await tables.get("tables", async () =>
        ((await db(MAIL_TEMPLATES_TABLE).distinct("table_key")) as Pick<Row, "table_key">[]).map((r) => r.table_key),
      );
      // A copy: the caller may not change what the next one is given.
      return [...keys];
    },
    async get(id) {
      const row = typeof id === "string" ? ((await db(MAIL_TEMPLATES_TABLE).where({ id }).first()) as Row | undefined) : undefined;
      if (!row) throw mailRefusal(404, "noTemplate", { id: String(id).slice(0, 64) });
      return toTemplate(row);
    },
    async save(actor, raw) {
      requireAdmin(actor, "editMessageTemplates");
      if (typeof raw !== "object" || raw === null) throw mailRefusal(400, "templateShape");
      const input = raw as Record<string, unknown>;
      const table = text(input, "table", 64);
      const { compiled } = await workspace.current();
      if (!compiled.tablesByKey.has(table)) throw mailRefusal(400, "noTable", { table });
      const name = text(input, "name", 200);
      const subject = text(input, "subject", 1_000);
      const body = text(input, "body", 200_000);
      for (const [part, value] of [
        ["subject", subject],
        ["body", body],
      ] as const) {
        const error = liquidSyntaxError(value);
        if (error) throw mailRefusal(400, "badLiquid", { part, error });
      }
      const id = typeof input.id === "string" && input.id ? input.id : `mt_${crypto.randomBytes(6).toString("hex")}`;
      const exists = await db(MAIL_TEMPLATES_TABLE).where({ id }).first("id");
      const row = { table_key: table, name, translations: translationsToStore(input.translations), subject, body };
      try {
        if (exists) await db(MAIL_TEMPLATES_TABLE).where({ id }).update(row);
        else await db(MAIL_TEMPLATES_TABLE).insert({ id, ...row, created_at: dbNow() });
      } finally {
        changed();
      }
      return service.get(id);
    },
    async remove(actor, id) {
      requireAdmin(actor, "deleteMessageTemplates");
      let n: number;
      try {
        n = await db(MAIL_TEMPLATES_TABLE)
          .where({ id: String(id) })
          .delete();
      } finally {
        changed();
      }
      if (n === 0) throw mailRefusal(404, "noTemplate", { id: String(id).slice(0, 64) });
    },
    async addDefaults(templates) {
      try {
        const { compiled } = await workspace.current();
        for (const t of templates) {
          // A template of a table the schema does not have would offer a message nobody can send.
          if (!compiled.tablesByKey.has(t.table)) continue;
          for (const part of [t.subject, t.body]) {
            const error = liquidSyntaxError(part);
            if (error) throw new Error(`the shipped message template "${t.name}" is not valid Liquid: ${error}`);
          }
          if (await db(MAIL_TEMPLATES_TABLE).where({ id: t.id }).first("id")) continue;
          await db(MAIL_TEMPLATES_TABLE).insert({
            id: t.id,
            table_key: t.table,
            name: t.name,
            translations: translationsToStore(t.translations),
            subject: t.subject,
            body: t.body,
            created_at: dbNow(),
          });
        }
      } finally {
        changed();
      }
    },
    async followRenames(before) {
      const { compiled: after } = await workspace.current();
      let changed = 0;
      for (const t of await service.list()) {
        if (!before.tablesByKey.has(t.table)) continue;
        const roots: Record<string, string> = { record: t.table, ...(before.tablesByKey.has("company") ? { company: "company" } : {}) };
        const subject = followRenamesInText(t.subject, before, after, roots);
        const body = followRenamesInText(t.body, before, after, roots);
        if (subject === t.subject && body === t.body) continue;
        await db(MAIL_TEMPLATES_TABLE).where({ id: t.id }).update({ subject, body });
        changed++;
      }
      return changed;
    },
  };
  return service;
}
