import type { Knex } from "knex";
import { relationTarget } from "../fields/structure";
import { holdsFiles } from "../fields/registry";
import type { FileStore } from "../files/files.server";
import type { FileValue } from "../fields/files";
import { parseFilter } from "../records/filter";
import { authorize, mayDo, requireAdmin, type Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { recordMatches } from "../records/filter-match";
import { lockedKeys } from "../records/locks";
import { storedSnapshot, storeSnapshot } from "./snapshots.server";
import { createPdfMerger } from "./merge-pdf.server";
import { createPdfRenderer, type PdfRenderer, type PdfRendererOptions } from "./pdf.server";
import { templateProblems } from "./references";
import { sharedLiquidPool, type LiquidPool } from "./liquid-pool.server";
import { createRecordContextLoader, type RecordContextLoader } from "./record-context.server";
import type { PrintContext, RenderedDocument, RenderSettings } from "./render-html";
import { documentLanguage } from "./document-language";
import { languageCodes, languagePack } from "../i18n/catalogs.server";
import { inLanguage } from "../i18n/schema-translations";
import type { PrintTemplate } from "./template";
import { checkTemplate, type TemplatesService, type TemplateSummary } from "./templates.server";
import { printRefusal } from "./print-words";

export interface PrintedPdf {
  pdf: Buffer;
  filename: string;
}

export interface OfferedTemplate extends TemplateSummary {
  /** For a given record: whether its condition holds (absent when no record was named). */
  offered?: boolean;
}

export interface PrintService {
  templates: TemplatesService;
  /**
   * A table's templates; with a record id, whether each is offered for that record. An actor who
   * may read the table but not print it is offered nothing (an empty list, not a 403), so menus
   * simply do not show printing.
   */
  offered(actor: Actor, table: string, recordId?: unknown): Promise<OfferedTemplate[]>;
  /** The filled-in HTML, as Chromium gets it (for previews and benchmarks). */
  renderDocument(actor: Actor, templateId: unknown, ids: unknown[]): Promise<RenderedDocument>;
  printRecord(actor: Actor, templateId: unknown, id: unknown): Promise<PrintedPdf>;
  printBatch(actor: Actor, templateId: unknown, ids: unknown): Promise<PrintedPdf>;
  /**
   * The designer's live preview: an unsaved draft (checked and sanitized exactly as a save would)
   * printed for one record, so the preview is the PDF the saved template will give. Admins only.
   */
  previewDraft(actor: Actor, draft: unknown, recordId: unknown): Promise<PrintedPdf>;
  /**
   * Checks a batch before it is queued (the template exists, is usable, and the actor may print
   * its table), so a refusal answers at once instead of failing a job later. Returns the table it
   * prints and the name of a batch of `count` records without an extension, e.g.
   * `Invoice – 150 Invoices`.
   */
  checkBatch(actor: Actor, templateId: unknown): Promise<{ table: string; batchName(count: number): string; condition: unknown }>;
  /**
   * Each record as its own PDF (its own page numbers), named like a single print. The records of
   * one call are loaded together (shared company and relation lookups) and printed concurrently
   * through the page pool; `onPrinted` is called as each one is ready, and an aborted `signal`
   * stops before the next render. A record the template's condition excludes refuses the call,
   * unless `onSkipped` is given: then it is left out and named to `onSkipped`.
   */
  printEach(actor: Actor, templateId: unknown, ids: number[], options?: PrintEachOptions): Promise<PrintedPdf[]>;
  /**
   * A document the engine composed itself (a dashboard) printed by the same Chromium, JavaScript
   * off and nothing fetched: its HTML must be escaped by whoever made it.
   */
  renderPdf(doc: RenderedDocument): Promise<Buffer>;
  close(): Promise<void>;
}

export interface PrintEachOptions {
  signal?: AbortSignal;
  onPrinted?(): void;
  /** Called with the title of each record left out because the template's condition does not hold for it. */
  onSkipped?(title: string): void;
}

export interface PrintServiceOptions {
  /** Locale for money, numbers and dates; default `TESSERA_PRINT_LOCALE` or en-GB. */
  locale?: string;
  pdf?: PdfRendererOptions;
  /** A shared renderer; the service then does not close it. */
  renderer?: PdfRenderer;
  /** Where Liquid runs; default the process's shared worker pool. */
  liquid?: LiquidPool;
}

export const MAX_BATCH = 500;
const MAX_INLINE_IMAGE_BYTES = 2 * 1024 * 1024;
const INLINE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"]);

type Rec = Record<string, unknown>;

/** `INV-2026-0007 Acme Ltd.pdf`: no path separators, control or reserved characters. */
export function safeFileName(base: string): string {
  const clean = base
    .replace(/[\p{Cc}<>:"/\\|?*]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 150);
  return `${clean || "document"}.pdf`;
}

/** `attachment` or `inline` with an ASCII fallback and the UTF-8 name (RFC 6266/5987). */
export function contentDisposition(filename: string, disposition: "inline" | "attachment" = "inline"): string {
  const ascii =
    filename
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\]/g, "") || "document.pdf";
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function titleOf(table: CompiledTable, record: Rec): string {
  const v = table.titleField ? record[table.titleField] : null;
  return v === null || v === undefined || v === "" ? `${table.label} ${String(record.id)}` : String(v);
}

/** Prints through the runtime's own templates and files: one templates service per runtime. */
export function createPrintService(
  runtime: {
    db: Knex;
    records: RecordsService;
    workspace: Pick<WorkspaceService, "current">;
    templates: TemplatesService;
    files: Pick<FileStore, "get" | "save">;
  },
  options: PrintServiceOptions = {},
): PrintService {
  const { db, records, workspace, templates, files } = runtime;
  const renderer = options.renderer ?? createPdfRenderer(options.pdf);
  const liquid = options.liquid ?? sharedLiquidPool();
  const renderConcurrency = options.renderer ? 4 : (options.pdf?.poolSize ?? 2) + 1;
  const locale = options.locale ?? (process.env.TESSERA_PRINT_LOCALE || "en-GB");
  const fallbackLanguage = process.env.TESSERA_PRINT_LANGUAGE || "en";

  /**
   * How a document is filled in: in its language (the first record's, for a document of several),
   * with that language's labels, option labels, dates, digits, print messages and amount in words.
   * English keeps the service's locale (en-GB unless TESSERA_PRINT_LOCALE says otherwise).
   */
  function settingsFor(template: PrintTemplate, compiled: CompiledSchema, contexts: PrintContext[]): RenderSettings {
    const language = documentLanguage(template, (contexts[0]?.record ?? {}) as Rec, languageCodes(), fallbackLanguage);
    const pack = languagePack(language);
    const messages = (pack.messages.print ?? {}) as Record<string, unknown>;
    if (language === "en") return { compiled, locale, language, messages };
    const translated = inLanguage({ version: compiled.version, schema: compiled.schema, compiled }, language).compiled;
    return { compiled: translated, locale: pack.locale, language, messages };
  }
  const problemCache = new WeakMap<CompiledSchema, Map<string, string[]>>();

  /** Refuses a template that refers to fields the schema no longer has, instead of printing blanks. */
  function assertUsable(template: PrintTemplate, compiled: CompiledSchema) {
    let byText = problemCache.get(compiled);
    if (!byText) problemCache.set(compiled, (byText = new Map()));
    const key = `${template.table}\u0000${template.html}\u0000${template.page.header ?? ""}\u0000${template.page.footer ?? ""}`;
    let messages = byText.get(key);
    if (!messages) {
      messages = templateProblems(template, compiled).map((p) => p.message);
      if (byText.size > 100) byText.clear();
      byText.set(key, messages);
    }
    if (messages.length)
      throw printRefusal(422, "templateProblems", { name: template.name, problems: messages.join("; ") }, { problems: messages });
  }

  async function inlineImages(table: CompiledTable, record: Rec) {
    for (const f of table.fields) {
      if (!holdsFiles(f)) continue;
      const v = record[f.key] as FileValue | null | undefined;
      if (!v || typeof v !== "object" || !INLINE_IMAGE_TYPES.has(v.type) || v.size > MAX_INLINE_IMAGE_BYTES) continue;
      try {
        const file = await files.get(v.id);
        record[f.key] = { ...v, src: `data:${file.type};base64,${Buffer.from(file.content).toString("base64")}` };
      } catch {
        // A missing file prints as no image, like an empty field.
      }
    }
  }

  /** What a template sees of each record, loaded with a cache shared by the records of one print. */
  const contextLoader = (actor: Actor, compiled: CompiledSchema) =>
    createRecordContextLoader({ db, records, compiled, actor, prepare: inlineImages });

  async function loadContext(
    actor: Actor,
    compiled: CompiledSchema,
    template: PrintTemplate,
    id: unknown,
    company: Rec | null,
    loader: RecordContextLoader,
  ): Promise<PrintContext> {
    const table = compiled.tablesByKey.get(template.table)!;
    const raw = (await records.get(actor, table.key, id)) as Rec;
    await inlineImages(table, raw);
    const texts = `${template.html}\n${template.page.header ?? ""}\n${template.page.footer ?? ""}`;
    // Lists that are not part of the record (payments, invoices of a contract) only when used.
    const record = await loader.expand(table, raw, (name) => new RegExp(`\\b${name}\\b`).test(texts));
    return {
      record,
      company,
      today: new Date().toISOString().slice(0, 10),
      template: { id: template.id, name: template.name, table: template.table },
    };
  }

  function conditionHolds(template: PrintTemplate, table: CompiledTable, record: Rec): boolean {
    if (template.condition === undefined || template.condition === null) return true;
    const node = parseFilter(table, template.condition);
    return node === null || recordMatches(node, record);
  }

  async function usableTemplate(actor: Actor, templateId: unknown) {
    return usable(actor, await templates.get(templateId));
  }

  async function usable(actor: Actor, template: PrintTemplate) {
    const { compiled } = await workspace.current();
    const table = compiled.tablesByKey.get(template.table);
    if (!table) throw printRefusal(422, "templateTableGone", { name: template.name, table: template.table });
    authorize(actor, "print", table);
    assertUsable(template, compiled);
    return { template, compiled, table };
  }

  /** The records' contexts; a record the template's condition excludes refuses the lot, or with `onSkipped` is left out. */
  async function load(actor: Actor, templateId: unknown, ids: unknown[], onSkipped?: (title: string) => void) {
    return loadFor(actor, await usableTemplate(actor, templateId), ids, onSkipped);
  }

  async function loadFor(
    actor: Actor,
    { template, compiled, table }: Awaited<ReturnType<typeof usable>>,
    ids: unknown[],
    onSkipped?: (title: string) => void,
  ) {
    const loader = contextLoader(actor, compiled);
    const company = await loader.company();
    const loaded: PrintContext[] = [];
    for (const id of ids) loaded.push(await loadContext(actor, compiled, template, id, company, loader));
    const contexts = loaded.filter((c) => conditionHolds(template, table, c.record));
    const refused = loaded.filter((c) => !contexts.includes(c));
    if (onSkipped) refused.forEach((c) => onSkipped(titleOf(table, c.record)));
    else if (refused.length)
      throw printRefusal(
        409,
        "conditionFails",
        { name: template.name, records: refused.map((c) => titleOf(table, c.record)).join(", ") },
        { ids: refused.map((c) => c.record.id) },
      );
    return { template, compiled, table, contexts };
  }

  async function prepare(actor: Actor, templateId: unknown, ids: unknown[]) {
    const loaded = await load(actor, templateId, ids);
    return {
      ...loaded,
      doc: await liquid.render(loaded.template, loaded.contexts, settingsFor(loaded.template, loaded.compiled, loaded.contexts)),
    };
  }

  const batchName = (template: PrintTemplate, table: CompiledTable, count: number) =>
    `${template.name} – ${count} ${count === 1 ? table.label : table.pluralLabel}`;

  /** The record's title and the first linked party's, e.g. `INV-2026-0007 Acme Ltd`. */
  function documentName(compiled: CompiledSchema, table: CompiledTable, record: Rec): string {
    for (const f of table.fields) {
      const targetKey = relationTarget(f);
      const target = targetKey ? compiled.tablesByKey.get(targetKey) : undefined;
      const party = record[f.key];
      if (target && typeof party === "object" && party !== null && target.titleField)
        return `${titleOf(table, record)} ${titleOf(target, party as Rec)}`;
    }
    return titleOf(table, record);
  }

  /** Each loaded record as its own PDF, a few at a time through the page pool, in the records' order. */
  async function printLoaded(
    { template, compiled, table, contexts }: Awaited<ReturnType<typeof load>>,
    { signal, onPrinted }: Pick<PrintEachOptions, "signal" | "onPrinted"> = {},
  ) {
    const printed: PrintedPdf[] = new Array(contexts.length);
    let next = 0;
    // A few renders in flight keep every pooled page busy; more would only queue inside the
    // pool, past the point where a cancel can still stop them.
    const worker = async () => {
      for (let i = next++; i < contexts.length; i = next++) {
        signal?.throwIfAborted();
        const record = contexts[i].record;
        const kept = lockedKeys(table, record).size > 0 ? await storedSnapshot(db, files, table.id, Number(record.id), template.id) : null;
        const pdf =
          kept?.pdf ??
          (await renderer.render(await liquid.render(template, [contexts[i]], settingsFor(template, compiled, [contexts[i]]))));
        printed[i] = { pdf, filename: safeFileName(documentName(compiled, table, record)) };
        onPrinted?.();
      }
    };
    await Promise.all(Array.from({ length: Math.min(contexts.length, renderConcurrency) }, worker));
    return printed;
  }

  const service: PrintService = {
    templates,
    async offered(actor, tableKey, recordId) {
      const { compiled } = await workspace.current();
      const table = compiled.tablesByKey.get(tableKey);
      if (!table) throw printRefusal(400, "noTable", { table: String(tableKey).slice(0, 64) });
      authorize(actor, "read", table);
      if (!mayDo(actor, "print", table)) return [];
      const list = await templates.summaries(tableKey);
      if (recordId === undefined || recordId === null || recordId === "") return list;
      const record = (await records.get(actor, tableKey, recordId)) as Rec;
      const full = await templates.list(tableKey);
      return list.map((s) => ({
        ...s,
        offered: conditionHolds(
          full.find((t) => t.id === s.id)!,
          table,
          record,
        ),
      }));
    },
    async renderDocument(actor, templateId, ids) {
      return (await prepare(actor, templateId, ids)).doc;
    },
    async printRecord(actor, templateId, id) {
      const loaded = await load(actor, templateId, [id]);
      const { compiled, table, template, contexts } = loaded;
      const record = contexts[0].record;
      // A locked record (an issued invoice) prints as it did when it locked: the first print is kept.
      const locked = lockedKeys(table, record).size > 0;
      const at = { tableId: table.id, recordId: Number(record.id), templateId: template.id };
      if (locked) {
        const kept = await storedSnapshot(db, files, at.tableId, at.recordId, at.templateId);
        if (kept) return kept;
      }
      const doc = await liquid.render(template, contexts, settingsFor(template, compiled, contexts));
      const printed = { pdf: await renderer.render(doc), filename: safeFileName(documentName(compiled, table, record)) };
      if (locked) await storeSnapshot(db, files, at, printed);
      return printed;
    },
    async printBatch(actor, templateId, ids) {
      if (!Array.isArray(ids) || ids.length === 0) throw printRefusal(400, "batchIds");
      if (ids.length > MAX_BATCH) throw printRefusal(400, "batchMax", { max: MAX_BATCH });
      const unique = [...new Set(ids.map((v) => (typeof v === "string" ? Number(v) : v)))];
      // Each record is printed on its own and the PDFs joined, so every document keeps its own
      // "Page 1 of 2" and its own header and footer instead of the batch's running count.
      const loaded = await load(actor, templateId, unique);
      const merger = await createPdfMerger();
      for (const part of await printLoaded(loaded)) await merger.add(part.pdf);
      return { pdf: Buffer.from(await merger.save()), filename: safeFileName(batchName(loaded.template, loaded.table, unique.length)) };
    },
    async previewDraft(actor, draft, recordId) {
      requireAdmin(actor, "previewPrintTemplates");
      if (typeof draft !== "object" || draft === null || Array.isArray(draft)) throw printRefusal(400, "draftObject");
      const { compiled } = await workspace.current();
      // The project data is the editor's own; it does not change what prints.
      const { project: _project, ...rest } = draft as Record<string, unknown>;
      void _project;
      const loaded = await loadFor(actor, await usable(actor, checkTemplate({ ...rest, id: "preview" }, compiled)), [recordId]);
      const doc = await liquid.render(loaded.template, loaded.contexts, settingsFor(loaded.template, loaded.compiled, loaded.contexts));
      const pdf = await renderer.render(doc);
      return { pdf, filename: safeFileName(`${loaded.template.name} – ${titleOf(loaded.table, loaded.contexts[0].record)} (preview)`) };
    },
    async checkBatch(actor, templateId) {
      const { template, table } = await usableTemplate(actor, templateId);
      return { table: table.key, batchName: (count) => batchName(template, table, count), condition: template.condition ?? null };
    },
    async printEach(actor, templateId, ids, { signal, onPrinted, onSkipped } = {}) {
      return printLoaded(await load(actor, templateId, ids, onSkipped), { signal, onPrinted });
    },
    renderPdf: (doc) => renderer.render(doc),
    async close() {
      if (!options.renderer) await renderer.close();
    },
  };
  return service;
}
