import crypto from "node:crypto";
import Docxtemplater from "docxtemplater";
import type { Knex } from "knex";
import PizZip from "pizzip";
import { audit } from "../auth/audit.server";
import { dialectOf } from "../db/ddl.server";
import { createSystemTable, dbNow } from "../db/system-tables.server";
import { authorize, mayDo, requireAdmin, type Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { WorkspaceService } from "../workspace/workspace.server";
import type { CompiledSchema } from "../schema/compile";
import { docxParser } from "./docx-parser";
import { docxReferenceProblems, followRenamesInDocx, type DocxReferenceProblem } from "./docx-renames";
import { renamedFieldKeys } from "./references";
import { createRecordContextLoader } from "./record-context.server";
import { bindFilterSettings, tesseraFilters } from "./render-html";
import { printRefusal } from "./print-words";

/** Word templates (docs/decisions/025-word-templates.md): a .docx with docxtemplater tags, filled per record. */
export const DOCX_TEMPLATES_TABLE = "crm_docx_templates";
export const DOCX_MAX_BYTES = 10 * 1024 * 1024;
const DOCX_MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;
export const DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export interface DocxTemplateSummary {
  id: string;
  name: string;
  table: string;
  size: number;
  createdAt: string;
}

export interface FilledDocx {
  docx: Buffer;
  filename: string;
}

export interface DocxService {
  /** A table's Word templates, or every one; empty for an actor who may not print the table. */
  list(actor: Actor, table?: string): Promise<DocxTemplateSummary[]>;
  /** Admins only: checks the file (a real .docx whose tags compile) and stores it. */
  upload(actor: Actor, input: { name: unknown; table: unknown; bytes: Uint8Array }): Promise<DocxTemplateSummary>;
  remove(actor: Actor, id: unknown): Promise<void>;
  /** The template filled for one record, read as the actor (403 without the print right, 404 out of scope). */
  fill(actor: Actor, id: unknown, recordId: unknown): Promise<FilledDocx>;
  /**
   * After a schema change: every template's tags follow the field keys it renamed (by id). One
   * whose rewrite would not compile is left as it was and named in the answer.
   */
  followRenames(before: CompiledSchema): Promise<{ changed: number; notFollowed: string[] }>;
  /** Admins only: by template id, the fields each names that the schema lacks (they fill as empty). */
  problems(actor: Actor): Promise<Record<string, DocxReferenceProblem[]>>;
  /** Every template with its .docx, for the configuration bundle: by table id, then name. */
  contents(): Promise<StoredDocxTemplate[]>;
  /**
   * The configuration bundle's import (checked beforehand): each replaces the .docx of the template
   * of its table with the same name (case aside), or is added.
   */
  importByName(q: Knex, actor: Actor, templates: { tableId: string; name: string; content: Buffer }[]): Promise<void>;
}

export interface StoredDocxTemplate {
  tableId: string;
  name: string;
  content: Buffer;
  size: number;
  createdAt: string;
  updatedAt: string;
}

export async function ensureDocxTemplatesTable(db: Knex): Promise<void> {
  const dialect = dialectOf(db);
  await createSystemTable(db, DOCX_TEMPLATES_TABLE, (t) => {
    t.string("id", 64).primary();
    // By the table's stable id, so a renamed table keeps its Word templates.
    t.string("table_id", 64).notNullable().index();
    t.string("name", 120).notNullable();
    t.specificType("content", dialect === "mysql" ? "longblob" : "blob").notNullable();
    t.integer("size").notNullable();
    t.integer("created_by").nullable();
    t.string("created_at", 32).notNullable();
    t.string("updated_at", 32).notNullable();
  });
}

interface Row {
  id: string;
  table_id: string;
  name: string;
  size: number;
  created_at: string;
}

const summary = (r: Row, table: string): DocxTemplateSummary => ({
  id: r.id,
  name: r.name,
  table,
  size: Number(r.size),
  createdAt: r.created_at,
});

/** `INV-2026-0001 Contract.docx`: no path separators, control or reserved characters. */
function docxFileName(base: string): string {
  const clean = base
    .replace(/[\p{Cc}<>:"/\\|?*]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 150);
  return `${clean || "document"}.docx`;
}

/** Where a docxtemplater error happened and what it is, in one line per problem. */
function templateErrors(error: unknown): string[] | null {
  const e = error as { properties?: { id?: string; explanation?: string; errors?: unknown[] }; message?: string };
  if (!e?.properties) return null;
  const list = (e.properties.errors ?? [error]) as {
    message?: string;
    properties?: { explanation?: string; rootError?: Error; xtag?: string; file?: string };
  }[];
  return list.map((x) => {
    const p = x.properties;
    const what = p?.rootError ? `the tag {${p.xtag ?? ""}}: ${p.rootError.message}` : (p?.explanation ?? x.message ?? "a tag is not valid");
    return p?.file ? `${what} (in ${p.file})` : what;
  });
}

/** Refuses (422, naming the problem) what is not a .docx whose tags compile; the upload's and the bundle's check. */
export function checkDocxTemplate(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw printRefusal(422, "fileEmpty");
  if (bytes.byteLength > DOCX_MAX_BYTES) throw printRefusal(422, "docxTooLarge");
  compile(bytes, docxParser(tesseraFilters(), {}));
}

function compile(bytes: Uint8Array, parser: ReturnType<typeof docxParser>): Docxtemplater {
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch {
    throw printRefusal(422, "notZip");
  }
  if (!zip.file("word/document.xml")) throw printRefusal(422, "noDocumentXml");
  // A few kilobytes can declare gigabytes of XML (a zip bomb): refuse before anything is inflated.
  const unzipped = Object.values(zip.files).reduce(
    (sum, f) => sum + ((f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0),
    0,
  );
  if (unzipped > DOCX_MAX_UNZIPPED_BYTES) throw printRefusal(422, "docxUnpacks", { mb: DOCX_MAX_UNZIPPED_BYTES / 1024 / 1024 });
  try {
    return new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, parser, nullGetter: () => "", errorLogging: false });
  } catch (error) {
    const problems = templateErrors(error);
    if (!problems) throw printRefusal(422, "docxUnreadable");
    throw printRefusal(422, "docxProblems", { count: problems.length, problems: problems.join("; ") }, { problems });
  }
}

export function createDocxService(runtime: {
  db: Knex;
  records: RecordsService;
  workspace: Pick<WorkspaceService, "current">;
  locale?: string;
}): DocxService {
  const { db, records, workspace } = runtime;
  const locale = runtime.locale ?? (process.env.TESSERA_PRINT_LOCALE || "en-GB");
  const filters = tesseraFilters();

  async function tableFor(key: unknown) {
    const { compiled } = await workspace.current();
    const table = typeof key === "string" ? compiled.tablesByKey.get(key) : undefined;
    return { compiled, table };
  }

  return {
    async list(actor, tableKey) {
      const { compiled } = await workspace.current();
      const q = db(DOCX_TEMPLATES_TABLE).select("id", "table_id", "name", "size", "created_at").orderBy("name");
      if (tableKey !== undefined) q.where({ table_id: compiled.tablesByKey.get(tableKey)?.id ?? "" });
      const rows = (await q) as Row[];
      return rows.flatMap((r) => {
        const table = compiled.tablesById.get(r.table_id);
        if (!table) return actor.rights.admin ? [summary(r, r.table_id)] : [];
        return actor.rights.admin || mayDo(actor, "print", table) ? [summary(r, table.key)] : [];
      });
    },
    async upload(actor, { name, table: tableKey, bytes }) {
      requireAdmin(actor, "uploadWordTemplates");
      const cleanName = typeof name === "string" ? name.trim() : "";
      if (!cleanName || cleanName.length > 120) throw printRefusal(400, "docxName");
      const { table } = await tableFor(tableKey);
      if (!table) throw printRefusal(422, "docxNoTable", { table: String(tableKey).slice(0, 64) });
      checkDocxTemplate(bytes);
      const now = dbNow();
      const row = {
        id: `docx_${crypto.randomBytes(6).toString("hex")}`,
        table_id: table.id,
        name: cleanName,
        content: Buffer.from(bytes),
        size: bytes.byteLength,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      };
      await db(DOCX_TEMPLATES_TABLE).insert(row);
      await audit(db, {
        userId: actor.id,
        action: "template",
        table: DOCX_TEMPLATES_TABLE,
        changes: { uploaded: row.id, name: cleanName, table: table.key },
      });
      return summary(row, table.key);
    },
    async remove(actor, id) {
      requireAdmin(actor, "deleteWordTemplates");
      const row = (await db(DOCX_TEMPLATES_TABLE)
        .where({ id: String(id) })
        .first("id", "name")) as { id: string; name: string } | undefined;
      if (!row) throw printRefusal(404, "noDocx", { id: String(id).slice(0, 64) });
      await db(DOCX_TEMPLATES_TABLE).where({ id: row.id }).delete();
      await audit(db, { userId: actor.id, action: "template", table: DOCX_TEMPLATES_TABLE, changes: { deleted: row.id, name: row.name } });
    },
    async fill(actor, id, recordId) {
      const row = (await db(DOCX_TEMPLATES_TABLE)
        .where({ id: String(id) })
        .first()) as (Row & { content: Buffer | Uint8Array }) | undefined;
      if (!row) throw printRefusal(404, "noDocx", { id: String(id).slice(0, 64) });
      const { compiled } = await workspace.current();
      const table = compiled.tablesById.get(row.table_id);
      if (!table) throw printRefusal(422, "docxTableGone", { name: row.name });
      authorize(actor, "print", table);
      const raw = await records.get(actor, table.key, recordId);
      const loader = createRecordContextLoader({ db, records, compiled, actor });
      // Every list is offered: a .docx is opaque here, so which lists it loops over is not known.
      const record = await loader.expand(table, raw, () => true);
      const scope = {
        record,
        company: await loader.company(),
        today: new Date().toISOString().slice(0, 10),
        template: { id: row.id, name: row.name, table: table.key },
      };
      bindFilterSettings(scope, table.key, { compiled, locale });
      const doc = compile(row.content, docxParser(filters, { context: { environments: scope } }));
      try {
        doc.render(scope);
      } catch (error) {
        const problems = templateErrors(error);
        if (!problems) throw error;
        throw printRefusal(422, "docxUnfilled", { name: row.name, problems: problems.join("; ") }, { problems });
      }
      const title = table.titleField && record[table.titleField] ? String(record[table.titleField]) : `${table.label} ${String(record.id)}`;
      return {
        docx: doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" }),
        filename: docxFileName(`${title} ${row.name}`),
      };
    },
    async followRenames(before) {
      const { compiled: after } = await workspace.current();
      // Most changes rename nothing: then no template's bytes are read.
      if (renamedFieldKeys(before, after).size === 0) return { changed: 0, notFollowed: [] };
      const rows = (await db(DOCX_TEMPLATES_TABLE).select("id", "table_id", "name", "content")) as (Row & { content: Buffer })[];
      let changed = 0;
      const notFollowed: string[] = [];
      for (const row of rows) {
        const table = before.tablesById.get(row.table_id);
        if (!table) continue;
        let next: Buffer | null;
        try {
          next = followRenamesInDocx(row.content, table.key, before, after);
          if (next) checkDocxTemplate(next);
        } catch {
          notFollowed.push(row.name);
          continue;
        }
        if (!next) continue;
        await db(DOCX_TEMPLATES_TABLE).where({ id: row.id }).update({ content: next, size: next.byteLength, updated_at: dbNow() });
        await audit(db, { userId: null, action: "template", table: DOCX_TEMPLATES_TABLE, changes: { renamed: row.id, name: row.name } });
        changed++;
      }
      return { changed, notFollowed };
    },
    async problems(actor) {
      requireAdmin(actor, "checkWordTemplates");
      const { compiled } = await workspace.current();
      const rows = (await db(DOCX_TEMPLATES_TABLE).select("id", "table_id", "content")) as (Row & { content: Buffer })[];
      const found: Record<string, DocxReferenceProblem[]> = {};
      for (const row of rows) {
        const table = compiled.tablesById.get(row.table_id);
        const problems = docxReferenceProblems(row.content, table?.key ?? row.table_id, compiled);
        if (problems.length) found[row.id] = problems;
      }
      return found;
    },
    async contents() {
      const rows = (await db(DOCX_TEMPLATES_TABLE)
        .select("table_id", "name", "content", "size", "created_at", "updated_at")
        .orderBy([{ column: "table_id" }, { column: "name" }, { column: "created_at" }, { column: "id" }])) as (Row & {
        content: Buffer | Uint8Array;
        updated_at: string;
      })[];
      return rows.map((r) => ({
        tableId: r.table_id,
        name: r.name,
        content: Buffer.from(r.content),
        size: Number(r.size),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }));
    },
    async importByName(q, actor, templates) {
      requireAdmin(actor, "importWordTemplates");
      const rows = (await q(DOCX_TEMPLATES_TABLE).select("id", "table_id", "name").orderBy("created_at").orderBy("id")) as Row[];
      const byName = new Map<string, string>();
      for (const r of rows.reverse()) byName.set(`${r.table_id}/${r.name.trim().toLowerCase()}`, r.id);
      const now = dbNow();
      for (const t of templates) {
        const id = byName.get(`${t.tableId}/${t.name.trim().toLowerCase()}`);
        const values = { name: t.name.trim(), content: t.content, size: t.content.byteLength, updated_at: now };
        if (id) await q(DOCX_TEMPLATES_TABLE).where({ id }).update(values);
        else
          await q(DOCX_TEMPLATES_TABLE).insert({
            id: `docx_${crypto.randomBytes(6).toString("hex")}`,
            table_id: t.tableId,
            ...values,
            created_by: actor.id,
            created_at: now,
          });
        await audit(q, {
          userId: actor.id,
          action: "template",
          table: DOCX_TEMPLATES_TABLE,
          changes: { imported: id ?? "new", name: t.name.trim() },
          ip: actor.ip,
        });
      }
    },
  };
}
