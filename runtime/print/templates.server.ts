import Ajv2020 from "ajv/dist/2020";
import crypto from "node:crypto";
import type { Knex } from "knex";
import { columnTypeSql, dialectOf } from "../db/ddl.server";
import { audit } from "../auth/audit.server";
import { dbNow, ensureColumn } from "../db/system-tables.server";
import { languageFieldProblem } from "./document-language";
import { ApiError } from "../errors";
import { parseFilter } from "../records/filter";
import { parseWith } from "../schema/checked";
import type { CompiledSchema } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { followRenamesInTemplate, renameFieldInTemplate, templateProblems, type TemplateProblem } from "./references";
import { liquidSyntaxError } from "./render-html";
import { cleanTemplateHtml } from "./sanitize";
import { printTemplateSchema, type PrintTemplate } from "./template";
import { printRefusal } from "./print-words";
import { readTranslations, translationsToStore, type ItemTranslations } from "../i18n/item-names";

export const PRINT_TEMPLATES_TABLE = "crm_print_templates";

export interface TemplateSummary {
  id: string;
  name: string;
  translations?: ItemTranslations;
  table: string;
  /** Whether it has a condition deciding, per record, if it is offered. */
  conditional: boolean;
  problems: TemplateProblem[];
}

export interface TemplatesService {
  list(table?: string): Promise<PrintTemplate[]>;
  summaries(table?: string): Promise<TemplateSummary[]>;
  get(id: unknown): Promise<PrintTemplate>;
  /** `actorId` (the admin making the change) is written to the audit trail with the change. */
  create(input: unknown, actorId?: number | null): Promise<PrintTemplate>;
  duplicate(id: unknown, name?: string, actorId?: number | null): Promise<PrintTemplate>;
  rename(id: unknown, name: unknown, actorId?: number | null): Promise<PrintTemplate>;
  /**
   * Replaces the given parts (name, html, css, page, condition, project); the id and table stay.
   * New HTML or CSS without project data drops the stored project data, which no longer matches.
   */
  update(id: unknown, changes: unknown, actorId?: number | null): Promise<PrintTemplate>;
  remove(id: unknown, actorId?: number | null): Promise<void>;
  /** References the current schema cannot satisfy (removed or renamed fields). */
  problems(template: PrintTemplate): Promise<TemplateProblem[]>;
  /** Rewrites every template after a field rename; returns how many changed. */
  followFieldRename(table: string, oldKey: string, newKey: string): Promise<number>;
  /**
   * After a schema change: every template follows the field keys it renamed, matched by field id
   * against `before`, the compiled schema the change started from. Answers how many changed.
   */
  followRenames(before: CompiledSchema): Promise<number>;
}

interface Row {
  id: string;
  table_key: string;
  name: string;
  html: string;
  css: string;
  page: string;
  condition_json: string | null;
  project: string | null;
  language_from?: string | null;
  language?: string | null;
  translations?: string | null;
  deleted_at: string | null;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateTemplate = ajv.compile<PrintTemplate>(printTemplateSchema);

const ensured = new WeakMap<Knex, Promise<void>>();

/** Creates `crm_print_templates` once per process and database; safe when two instances race. */
export function ensurePrintTemplatesTable(db: Knex): Promise<void> {
  let p = ensured.get(db);
  if (!p) {
    p = (async () => {
      await createTemplatesTable(db);
      // Added with document languages; older databases get them on first use.
      await ensureColumn(db, PRINT_TEMPLATES_TABLE, "language_from", (t) => void t.string("language_from", 129).nullable());
      await ensureColumn(db, PRINT_TEMPLATES_TABLE, "language", (t) => void t.string("language", 20).nullable());
      // The template's name in other languages (ADR 035), as JSON.
      await ensureColumn(db, PRINT_TEMPLATES_TABLE, "translations", (t) => void t.text("translations").nullable());
    })().catch((error) => {
      ensured.delete(db);
      throw error;
    });
    ensured.set(db, p);
  }
  return p;
}

async function createTemplatesTable(db: Knex): Promise<void> {
  if (await db.schema.hasTable(PRINT_TEMPLATES_TABLE)) return;
  const dialect = dialectOf(db);
  const longtext = columnTypeSql({ type: "text", size: "long" }, dialect);
  const datetime = columnTypeSql({ type: "datetime" }, dialect);
  try {
    await db.schema.createTable(PRINT_TEMPLATES_TABLE, (t) => {
      t.string("id", 64).primary();
      t.string("table_key", 64).notNullable().index();
      t.string("name", 120).notNullable();
      t.specificType("html", longtext).notNullable();
      t.specificType("css", longtext).notNullable();
      t.text("page").notNullable();
      t.text("condition_json").nullable();
      t.specificType("project", longtext).nullable();
      t.specificType("created_at", datetime).notNullable();
      t.specificType("updated_at", datetime).notNullable();
      // Deleted templates stay as rows, so a default the admin removed is not re-added at the next start.
      t.specificType("deleted_at", datetime).nullable();
      if (dialect === "mysql") {
        t.charset("utf8mb4");
        t.collate("utf8mb4_unicode_ci");
        t.engine("InnoDB");
      }
    });
  } catch (error) {
    if (!(await db.schema.hasTable(PRINT_TEMPLATES_TABLE))) throw error;
  }
}

function fromRow(row: Row): PrintTemplate {
  const t: PrintTemplate = { id: row.id, table: row.table_key, name: row.name, html: row.html, css: row.css, page: JSON.parse(row.page) };
  if (row.condition_json) t.condition = JSON.parse(row.condition_json);
  if (row.project) t.project = JSON.parse(row.project);
  if (row.language_from) t.languageFrom = row.language_from;
  if (row.language) t.language = row.language;
  const translations = readTranslations(row.translations);
  if (translations) t.translations = translations;
  return t;
}

/** The `crm_print_templates` row of a template (the configuration import writes rows by id). */
export function toRow(t: PrintTemplate) {
  return {
    id: t.id,
    table_key: t.table,
    name: t.name,
    html: t.html,
    css: t.css,
    page: JSON.stringify(t.page),
    condition_json: t.condition === undefined || t.condition === null ? null : JSON.stringify(t.condition),
    project: t.project === undefined ? null : JSON.stringify(t.project),
    language_from: t.languageFrom ?? null,
    language: t.language ?? null,
    translations: translationsToStore(t.translations),
  };
}

/** Checks a whole template against its JSON Schema, the workspace, Liquid syntax; sanitizes its HTML. */
export function checkTemplate(raw: unknown, compiled: CompiledSchema): PrintTemplate {
  const t = parseWith(validateTemplate, raw, "the print template");
  const table = compiled.tablesByKey.get(t.table);
  if (!table) throw printRefusal(422, "noTableToPrint", { table: t.table });
  const parts: [string, string | undefined][] = [
    ["html", t.html],
    ["page.header", t.page.header],
    ["page.footer", t.page.footer],
  ];
  for (const [name, text] of parts) {
    if (!text) continue;
    const error = liquidSyntaxError(text);
    if (error) throw printRefusal(422, "liquidError", { part: name, error }, { part: name, error });
  }
  if (t.condition !== undefined && t.condition !== null) {
    try {
      parseFilter(table, t.condition);
    } catch (error) {
      if (error instanceof ApiError) throw printRefusal(422, "badCondition", { error: error.phrase ?? error.message });
      throw error;
    }
  }
  if (t.languageFrom) {
    const problem = languageFieldProblem(compiled, table, t.languageFrom);
    if (problem) throw printRefusal(422, "badLanguageFrom", { field: t.languageFrom, problem });
  }
  const clean: PrintTemplate = { ...t, html: cleanTemplateHtml(t.html, "html"), page: { ...t.page } };
  if (clean.page.header) clean.page.header = cleanTemplateHtml(clean.page.header, "page.header");
  if (clean.page.footer) clean.page.footer = cleanTemplateHtml(clean.page.footer, "page.footer");
  if (clean.condition === null) delete clean.condition;
  if (!clean.languageFrom) delete clean.languageFrom;
  if (!clean.language) delete clean.language;
  return clean;
}

const newId = () => `tpl_${crypto.randomBytes(6).toString("hex")}`;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Loads the configuration's own templates (`defaults`, e.g. invoice, contract, receipt) into a
 * database that lacks them: on first start after seeding, and for an existing database from
 * before print templates. A default the admin deleted stays deleted. Returns how many were added,
 * or null while the workspace is still empty (nothing to print yet: ask again once it has tables).
 */
export async function loadDefaultPrintTemplates(
  db: Knex,
  workspace: Pick<WorkspaceService, "current">,
  defaults: readonly PrintTemplate[],
): Promise<number | null> {
  await ensurePrintTemplatesTable(db);
  const { compiled, version } = await workspace.current();
  if (version === 0) return null;
  const existing = new Set(((await db(PRINT_TEMPLATES_TABLE).select("id")) as { id: string }[]).map((r) => r.id));
  let added = 0;
  for (const template of defaults) {
    if (existing.has(template.id) || !compiled.tablesByKey.has(template.table)) continue;
    const now = dbNow();
    try {
      await db(PRINT_TEMPLATES_TABLE).insert({ ...toRow(template), created_at: now, updated_at: now });
      added++;
    } catch (error) {
      // Another instance inserted it at the same moment.
      if (!(await db(PRINT_TEMPLATES_TABLE).where({ id: template.id }).first("id"))) throw error;
    }
  }
  return added;
}

function auditTemplate(db: Knex, actorId: number | null | undefined, changes: Record<string, unknown>): Promise<void> {
  return audit(db, { userId: actorId ?? null, action: "template", table: PRINT_TEMPLATES_TABLE, changes });
}

/**
 * "Invoice (copy)", then "Invoice (copy 2)", …: a name no other template of the table has, so a
 * template duplicated twice does not show up twice, indistinguishably, in the card's Print menu.
 */
export function copyName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.trim().toLowerCase()));
  const base = name.slice(0, 100);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

export interface TemplatesServiceOptions {
  /** The configuration's own templates, added where missing (see loadDefaultPrintTemplates). */
  defaults?: readonly PrintTemplate[];
}

export function createTemplatesService(
  db: Knex,
  workspace: Pick<WorkspaceService, "current">,
  options: TemplatesServiceOptions = {},
): TemplatesService {
  const defaults = options.defaults ?? [];
  let defaultsLoaded: Promise<number | null> | null = null;
  async function ready(): Promise<CompiledSchema> {
    // Lazily, so a database from before print templates gets the defaults at its first print.
    defaultsLoaded ??= loadDefaultPrintTemplates(db, workspace, defaults).catch((error) => {
      defaultsLoaded = null;
      throw error;
    });
    // An empty workspace is asked again: the service lives as long as the runtime, which seeds later.
    if ((await defaultsLoaded) === null) defaultsLoaded = null;
    return (await workspace.current()).compiled;
  }

  async function readRow(id: unknown): Promise<PrintTemplate> {
    if (typeof id !== "string" || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(id))
      throw printRefusal(404, "noTemplate", { id: String(id).slice(0, 64) });
    const row = (await db(PRINT_TEMPLATES_TABLE).where({ id }).whereNull("deleted_at").first()) as Row | undefined;
    if (!row) throw printRefusal(404, "noTemplate", { id });
    return fromRow(row);
  }

  /** Writes a template; with `audited`, the audit row commits with it or not at all. */
  async function save(
    t: PrintTemplate,
    insert: boolean,
    audited?: { actorId?: number | null; changes: Record<string, unknown> },
  ): Promise<PrintTemplate> {
    const now = dbNow();
    await db.transaction(async (trx) => {
      if (insert) await trx(PRINT_TEMPLATES_TABLE).insert({ ...toRow(t), created_at: now, updated_at: now });
      else
        await trx(PRINT_TEMPLATES_TABLE)
          .where({ id: t.id })
          .update({ ...toRow(t), updated_at: now });
      if (audited) await auditTemplate(trx, audited.actorId, { id: t.id, table: t.table, name: t.name, ...audited.changes });
    });
    return t;
  }

  const service: TemplatesService = {
    async list(table) {
      await ready();
      const q = db(PRINT_TEMPLATES_TABLE)
        .whereNull("deleted_at")
        .orderBy([{ column: "table_key" }, { column: "name" }, { column: "id" }]);
      if (table !== undefined) q.where({ table_key: table });
      return ((await q) as Row[]).map(fromRow);
    },
    async summaries(table) {
      const compiled = await ready();
      return (await service.list(table)).map((t) => ({
        id: t.id,
        name: t.name,
        translations: t.translations,
        table: t.table,
        conditional: t.condition !== undefined,
        problems: templateProblems(t, compiled),
      }));
    },
    async get(id) {
      await ready();
      return readRow(id);
    },
    async create(input, actorId) {
      const compiled = await ready();
      if (!isPlainObject(input)) throw printRefusal(400, "templateObject");
      const template = checkTemplate({ ...input, id: newId() }, compiled);
      return save(template, true, { actorId, changes: { op: "create" } });
    },
    async duplicate(id, name, actorId) {
      const compiled = await ready();
      const source = await readRow(id);
      const taken = (
        (await db(PRINT_TEMPLATES_TABLE).where({ table_key: source.table }).whereNull("deleted_at").select("name")) as { name: string }[]
      ).map((r) => r.name);
      const copy = checkTemplate({ ...source, id: newId(), name: (name ?? copyName(source.name, taken)).slice(0, 120) }, compiled);
      return save(copy, true, { actorId, changes: { op: "duplicate", from: source.id } });
    },
    async rename(id, name, actorId) {
      if (typeof name !== "string" || !name.trim()) throw printRefusal(400, "templateName");
      const compiled = await ready();
      const current = await readRow(id);
      const renamed = checkTemplate({ ...current, name: name.trim() }, compiled);
      return save(renamed, false, { actorId, changes: { op: "rename", renamed: [current.name, renamed.name] } });
    },
    async update(id, changes, actorId) {
      const compiled = await ready();
      const current = await readRow(id);
      if (!isPlainObject(changes)) throw printRefusal(400, "changesObject");
      const { id: _id, table: _table, ...rest } = changes;
      void _id;
      void _table;
      const merged = checkTemplate({ ...current, ...rest }, compiled);
      // Project data describes the HTML and CSS it was saved with: changed without it, it would
      // reopen the old design, so the designer rebuilds from the HTML instead.
      if (("html" in rest || "css" in rest) && !("project" in rest)) delete merged.project;
      return save(merged, false, { actorId, changes: { op: "update", parts: Object.keys(rest) } });
    },
    async remove(id, actorId) {
      await ready();
      const t = await readRow(id);
      await db.transaction(async (trx) => {
        await trx(PRINT_TEMPLATES_TABLE).where({ id: t.id }).update({ deleted_at: dbNow() });
        await auditTemplate(trx, actorId, { id: t.id, table: t.table, name: t.name, op: "remove" });
      });
    },
    async problems(template) {
      return templateProblems(template, await ready());
    },
    async followRenames(before) {
      const after = await ready();
      let changed = 0;
      for (const t of await service.list()) {
        const renamed = followRenamesInTemplate(t, before, after);
        if (renamed === t || (renamed.html === t.html && renamed.css === t.css && JSON.stringify(renamed.page) === JSON.stringify(t.page)))
          continue;
        // The editor's project data shows the old keys: without it, the designer rebuilds from the HTML.
        const { project: _stale, ...rest } = renamed;
        void _stale;
        await save(rest, false);
        changed++;
      }
      return changed;
    },
    async followFieldRename(table, oldKey, newKey) {
      const compiled = await ready();
      let changed = 0;
      for (const t of await service.list()) {
        const renamed = renameFieldInTemplate(t, compiled, table, oldKey, newKey);
        if (renamed.html === t.html && renamed.css === t.css && JSON.stringify(renamed.page) === JSON.stringify(t.page)) continue;
        const { project: _stale, ...rest } = renamed;
        void _stale;
        await save(rest, false);
        changed++;
      }
      return changed;
    },
  };
  return service;
}
