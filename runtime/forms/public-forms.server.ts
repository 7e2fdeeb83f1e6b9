import type { Knex } from "knex";
import { audit } from "../auth/audit.server";
import { columnTypeSql, dialectOf } from "../db/ddl.server";
import { createSystemTable, dbNow } from "../db/system-tables.server";
import { isCardLayout } from "../layouts/layout-schema";
import type { LayoutsService } from "../layouts/layouts.server";
import { resolveLayout } from "../layouts/resolve-layout";
import type { CardLayout } from "../layouts/types";
import { relationTarget } from "../fields/structure";
import { requireAdmin, SYSTEM_ACTOR, type Actor } from "../records/permissions";
import type { RecordJson } from "../records/rows";
import type { RecordsService } from "../records/service.server";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import {
  CAMPAIGN_FIELD,
  formFieldKeys,
  parseAllowedOrigins,
  publicLayout,
  publishableField,
  SLUG_PATTERN,
  UTM_FIELDS,
  type UtmValues,
} from "./public-form";
import { formPhrase, formRefusal, formWords } from "./form-words";
import { say, type Phrase } from "../i18n/words";

export const PUBLIC_FORMS_TABLE = "crm_public_forms";

/** A card layout published at `/f/<slug>` (docs/decisions/030-public-forms.md). */
export interface PublicForm {
  id: number;
  slug: string;
  /** The table's key today (stored by id, so a renamed table keeps its forms). */
  table: string;
  title: string;
  thankYou: string;
  enabled: boolean;
  /** Sites that may embed the form and post to it; empty: any. */
  allowedOrigins: string[];
  /** The card layout cut to the published fields, resolved against today's schema. */
  layout: CardLayout;
  /** Keys of the fields a visitor may set: nothing else a post carries is written. */
  fields: string[];
  version: number;
  updatedAt: string;
}

export interface PublicFormInput {
  slug: unknown;
  table: unknown;
  title: unknown;
  thankYou: unknown;
  enabled: unknown;
  /** Text as typed: origins one per line or separated by commas. */
  allowedOrigins: unknown;
  /** Keys of the card's fields to publish. */
  fields: unknown;
}

export interface PublicFormsService {
  list(actor: Actor): Promise<PublicForm[]>;
  get(actor: Actor, id: number): Promise<PublicForm>;
  /** Creates (`id` null) or changes a form; `expectedVersion` guards against overwriting another admin's edit. */
  save(actor: Actor, id: number | null, input: PublicFormInput, expectedVersion?: number): Promise<PublicForm>;
  /** The enabled form at a slug, or null: what a visitor may see. */
  published(slug: string): Promise<PublicForm | null>;
  /**
   * A visitor's post, created as the system through the records service, so validation and rules
   * run. Only the form's fields are taken; UTM values fill `utm_source`/`utm_campaign` where the
   * table has them, and a `campaign` link to the record of that name or code.
   */
  submit(form: PublicForm, values: Record<string, unknown>, utm: UtmValues): Promise<RecordJson>;
}

interface Row {
  id: number;
  slug: string;
  table_id: string;
  title: string;
  thank_you: string;
  enabled: number | boolean;
  allowed_origins: string;
  layout: string;
  version: number;
  updated_at: string;
}

export async function ensurePublicFormsTable(db: Knex): Promise<void> {
  const dialect = dialectOf(db);
  const datetime = columnTypeSql({ type: "datetime" }, dialect);
  const longtext = columnTypeSql({ type: "text", size: "long" }, dialect);
  await createSystemTable(db, PUBLIC_FORMS_TABLE, (t) => {
    t.increments("id").primary();
    t.string("slug", 64).notNullable().unique();
    t.string("table_id", 64).notNullable();
    t.string("title", 200).notNullable();
    t.text("thank_you").notNullable();
    t.boolean("enabled").notNullable().defaultTo(true);
    // Newline-separated origins; empty: any site may embed and post.
    t.text("allowed_origins").notNullable();
    // The published part of the card layout; controls point at fields by id (see runtime/layouts).
    t.specificType("layout", longtext).notNullable();
    t.integer("version").notNullable().defaultTo(1);
    t.specificType("created_at", datetime).notNullable();
    t.specificType("updated_at", datetime).notNullable();
    t.integer("updated_by").nullable();
  });
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

export function createPublicFormsService(deps: {
  db: Knex;
  workspace: Pick<WorkspaceService, "current">;
  records: RecordsService;
  layouts: LayoutsService;
}): PublicFormsService {
  const { db, workspace, records, layouts } = deps;

  /** A stored row against today's schema; null when its table is gone. */
  function toForm(row: Row, compiled: CompiledSchema): PublicForm | null {
    const table = compiled.tables.find((t) => t.id === row.table_id);
    if (!table) return null;
    let stored: unknown;
    try {
      stored = JSON.parse(row.layout);
    } catch {
      stored = undefined;
    }
    const base: CardLayout = isCardLayout(stored) ? stored : { type: "VerticalLayout", elements: [] };
    // Fields removed or changed into a kind a visitor cannot fill since publishing drop out here.
    const resolved = resolveLayout(base, table, compiled).layout;
    const layout = publicLayout(resolved, table, new Set(table.fields.map((f) => f.id)));
    return {
      id: Number(row.id),
      slug: row.slug,
      table: table.key,
      title: row.title,
      thankYou: row.thank_you,
      enabled: Boolean(row.enabled),
      allowedOrigins: row.allowed_origins.split("\n").filter(Boolean),
      layout,
      fields: formFieldKeys(layout, table),
      version: Number(row.version),
      updatedAt: String(row.updated_at),
    };
  }

  async function readAll(query: (q: Knex.QueryBuilder) => Knex.QueryBuilder = (q) => q): Promise<PublicForm[]> {
    const { compiled } = await workspace.current();
    const rows = (await query(db(PUBLIC_FORMS_TABLE)).orderBy("slug")) as Row[];
    return rows.map((r) => toForm(r, compiled)).filter((f): f is PublicForm => f !== null);
  }

  async function checkedInput(actor: Actor, id: number | null, input: PublicFormInput) {
    const fields: Record<string, Phrase> = {};
    const slug = text(input.slug).toLowerCase();
    if (!SLUG_PATTERN.test(slug)) fields.slug = formPhrase("slug");
    else if (
      await db(PUBLIC_FORMS_TABLE)
        .where({ slug })
        .whereNot("id", id ?? 0)
        .first("id")
    )
      fields.slug = formPhrase("slugTaken", { slug });
    const { compiled } = await workspace.current();
    const table = compiled.tablesByKey.get(text(input.table));
    if (!table) fields.table = formPhrase("table");
    const title = text(input.title);
    if (!title) fields.title = formPhrase("title");
    else if (title.length > 200) fields.title = formPhrase("titleLong");
    const thankYou = text(input.thankYou) || "Thank you! We received your message and will be in touch soon.";
    if (thankYou.length > 2000) fields.thankYou = formPhrase("thankYouLong");
    const origins = parseAllowedOrigins(text(input.allowedOrigins));
    if (!origins.ok) fields.allowedOrigins = formPhrase("verbatim", { text: origins.error });
    const chosen = Array.isArray(input.fields) ? input.fields.filter((k): k is string => typeof k === "string") : [];
    let layout: CardLayout | null = null;
    if (table) {
      const ids = new Set(chosen.map((k) => table.fieldsByKey.get(k)).flatMap((f) => (f && publishableField(f) ? [f.id] : [])));
      if (ids.size === 0) fields.fields = formPhrase("fields");
      const card = resolveLayout((await layouts.get(actor, table.key)).layout, table, compiled).layout;
      layout = publicLayout(card, table, ids);
    }
    if (Object.keys(fields).length || !table || !layout || !origins.ok) {
      const refusal = formRefusal(
        422,
        "notSaved",
        {},
        { fields: Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, say(p, formWords)])) },
      );
      refusal.fieldWords = fields;
      throw refusal;
    }
    return {
      slug,
      table_id: table.id,
      title,
      thank_you: thankYou,
      enabled: input.enabled === true || input.enabled === "on" || input.enabled === "true",
      allowed_origins: origins.origins.join("\n"),
      layout: JSON.stringify(layout),
    };
  }

  async function campaignFor(table: CompiledTable, compiled: CompiledSchema, name: string): Promise<number | null> {
    const field = table.fieldsByKey.get(CAMPAIGN_FIELD);
    const target = field && compiled.tablesByKey.get(relationTarget(field) ?? "");
    if (!target) return null;
    const matches = [target.titleField, "code"]
      .filter((k): k is string => !!k && target.fieldsByKey.has(k))
      .map((k) => ({ field: k, op: "eq" as const, value: name }));
    if (matches.length === 0) return null;
    const { rows } = await records.list(SYSTEM_ACTOR, target.key, { filter: { or: matches }, sort: "id", pageSize: 1 });
    return rows[0]?.id ?? null;
  }

  return {
    async list(actor) {
      requireAdmin(actor, "managePublicForms");
      return readAll();
    },

    async get(actor, id) {
      requireAdmin(actor, "managePublicForms");
      const [form] = await readAll((q) => q.where({ id }));
      if (!form) throw formRefusal(404, "noForm", { id });
      return form;
    },

    async save(actor, id, input, expectedVersion) {
      requireAdmin(actor, "managePublicForms");
      const values = await checkedInput(actor, id, input);
      const now = dbNow();
      const savedId = await db.transaction(async (trx) => {
        if (id === null) {
          const [newId] = await trx(PUBLIC_FORMS_TABLE).insert({
            ...values,
            version: 1,
            created_at: now,
            updated_at: now,
            updated_by: actor.id,
          });
          await audit(trx, {
            userId: actor.id,
            action: "layout",
            table: PUBLIC_FORMS_TABLE,
            changes: { published: values.slug },
            ip: actor.ip,
          });
          return Number(newId);
        }
        const row = (await trx(PUBLIC_FORMS_TABLE).where({ id }).first("version")) as { version: number } | undefined;
        if (!row) throw formRefusal(404, "noForm", { id });
        const current = Number(row.version);
        const n =
          expectedVersion === undefined || expectedVersion === current
            ? await trx(PUBLIC_FORMS_TABLE)
                .where({ id, version: current })
                .update({ ...values, version: current + 1, updated_at: now, updated_by: actor.id })
            : 0;
        if (n !== 1) throw formRefusal(409, "changed");
        await audit(trx, {
          userId: actor.id,
          action: "layout",
          table: PUBLIC_FORMS_TABLE,
          changes: { changed: values.slug, enabled: values.enabled },
          ip: actor.ip,
        });
        return id;
      });
      return this.get(actor, savedId);
    },

    async published(slug) {
      if (!SLUG_PATTERN.test(slug)) return null;
      const [form] = await readAll((q) => q.where({ slug, enabled: true }));
      return form ?? null;
    },

    async submit(form, values, utm) {
      const { compiled } = await workspace.current();
      const table = compiled.tablesByKey.get(form.table);
      if (!table) throw formRefusal(404, "tableGone");
      // The allow-list: a post naming owner or status sets neither unless the layout publishes it.
      const body: Record<string, unknown> = {};
      for (const key of form.fields) if (values[key] !== undefined) body[key] = values[key];
      for (const key of UTM_FIELDS) if (utm[key] && table.fieldsByKey.has(key)) body[key] = utm[key];
      const campaign = utm.utm_campaign ? await campaignFor(table, compiled, utm.utm_campaign) : null;
      if (campaign !== null) body[CAMPAIGN_FIELD] = campaign;
      return records.create(SYSTEM_ACTOR, table.key, body);
    },
  };
}
