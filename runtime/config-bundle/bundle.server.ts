import { readTranslations, translationsToStore } from "../i18n/item-names";
import type { Knex } from "knex";
import { putSetting, SETTINGS_TABLE } from "../auth/settings.server";
import { definitionOnly, type RulesService } from "../automation/rules.server";
import { HOME_PANELS_SETTING, type HomeService } from "../home/home.server";
import { audit } from "../auth/audit.server";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { ApiError } from "../errors";
import { isCardLayout } from "../layouts/layout-schema";
import { resolveLayout } from "../layouts/resolve-layout";
import { checkDocxTemplate, type DocxService } from "../print/docx.server";
import { checkTemplate, PRINT_TEMPLATES_TABLE, toRow, type TemplatesService } from "../print/templates.server";
import { requireAdmin, type Actor } from "../records/permissions";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import type { PlannedChange, WorkspaceService } from "../workspace/workspace.server";
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleLayout,
  type BundleView,
  type BundleWordTemplate,
  type ConfigBundle,
} from "./bundle-format";
import {
  describeImport,
  schemaFingerprint,
  wordTemplateKey,
  type ImportReview,
  type InstalledConfiguration,
  type ReviewWords,
} from "./describe-import";
import { validateBundle, type BundleProblem } from "./validate-bundle";
import { englishProblems } from "../schema/problem-words";
import { bundleRefusal } from "./bundle-words";

export interface BundleReview {
  /** The installation's schema version the review was made on: send it back to apply. */
  baseVersion: number;
  review: ImportReview;
  /** Values that would not convert to a changed field kind (the apply refuses until fixed). */
  conversions: PlannedChange["conversions"];
  duplicates: PlannedChange["duplicates"];
}

export interface ConfigBundleService {
  exportBundle(actor: Actor): Promise<ConfigBundle>;
  /** Validates an uploaded bundle and says what applying it would change (in `words`, else English); changes nothing. */
  review(actor: Actor, raw: unknown, words?: ReviewWords): Promise<BundleReview>;
  /** Applies the schema (guarded by `baseVersion`), then layouts, views, templates, rules, home panels and Word templates. */
  apply(
    actor: Actor,
    raw: unknown,
    options: { baseVersion: unknown; confirmDestructive?: boolean; words?: ReviewWords },
  ): Promise<{ version: number; review: ImportReview }>;
}

interface ViewRow {
  id: number;
  table_id: string;
  name: string;
  translations?: string | null;
  is_default: number | boolean;
  state: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function invalid(problems: BundleProblem[]): ApiError {
  const first = problems[0];
  const refusal = bundleRefusal(
    422,
    "invalid",
    { count: String(problems.length), path: first.path, problem: first.message },
    { problems: englishProblems(problems) },
  );
  // The app's own screens also get each problem's phrase, to say it in the admin's language.
  refusal.sessionDetails = { problems };
  return refusal;
}

export function createConfigBundleService(deps: {
  db: Knex;
  workspace: WorkspaceService;
  templates: TemplatesService;
  rules: Pick<RulesService, "list" | "importByName">;
  home: Pick<HomeService, "panels">;
  docx: Pick<DocxService, "contents" | "importByName">;
}): ConfigBundleService {
  const { db, workspace, templates, rules, home, docx } = deps;

  async function installed(schema: WorkspaceSchema): Promise<InstalledConfiguration> {
    const compiled = compileSchema(schema);
    const tableIds = compiled.tables.map((t) => t.id);
    const keyOf = (id: string) => compiled.tablesById.get(id)?.key;
    const layoutRows = tableIds.length
      ? ((await db(SYSTEM_TABLES.layouts).whereIn("table_id", tableIds).orderBy("table_id")) as { table_id: string; layout: string }[])
      : [];
    const layouts: BundleLayout[] = [];
    for (const row of layoutRows) {
      const layout = parseJson(row.layout);
      const table = compiled.tablesById.get(row.table_id);
      if (!table || !isCardLayout(layout)) continue;
      // As the card shows it: cells of fields removed since the layout was saved are left out, so
      // an export always passes the import's checks.
      layouts.push({ tableId: row.table_id, table: table.key, layout: resolveLayout(layout, table, compiled).layout });
    }
    // Personal views stay with their owners: only what everyone sees belongs to the configuration.
    const viewRows = tableIds.length
      ? ((await db(SYSTEM_TABLES.views)
          .whereIn("table_id", tableIds)
          .andWhere((w) => w.where("shared", true).orWhere("is_default", true))
          .orderBy([{ column: "table_id" }, { column: "is_default", order: "desc" }, { column: "name" }, { column: "id" }])) as ViewRow[])
      : [];
    const views: BundleView[] = [];
    const seen = new Set<string>();
    for (const row of viewRows) {
      const state = parseJson(row.state);
      const isDefault = Boolean(row.is_default);
      const key = `${row.table_id}/${isDefault ? "" : row.name}`;
      // Two shared views may share a name; the bundle matches by name, so the first one wins.
      if (!isObject(state) || seen.has(key)) continue;
      seen.add(key);
      const translations = readTranslations(row.translations);
      views.push({
        tableId: row.table_id,
        table: keyOf(row.table_id),
        name: row.name,
        ...(translations ? { translations } : {}),
        default: isDefault,
        state,
      });
    }
    const ruleList = (await rules.list()).map(definitionOnly);
    const wordTemplates: BundleWordTemplate[] = [];
    const wordKeys = new Set<string>();
    for (const t of await docx.contents()) {
      const table = compiled.tablesById.get(t.tableId);
      // Two templates of a table may share a name; the bundle matches by name, so the first one wins.
      if (!table || wordKeys.has(wordTemplateKey(t))) continue;
      wordKeys.add(wordTemplateKey(t));
      const { content, ...rest } = t;
      wordTemplates.push({ ...rest, table: table.key, content: content.toString("base64") });
    }
    return { schema, layouts, views, templates: await templates.list(), rules: ruleList, home: await home.panels(), wordTemplates };
  }

  /**
   * The checks that need more than the bundle itself: Liquid syntax and conditions of templates,
   * and each Word template's .docx read and its tags compiled as an upload is.
   */
  function templateProblems(bundle: ConfigBundle): BundleProblem[] {
    const compiled = compileSchema(bundle.schema);
    const problems: BundleProblem[] = [];
    bundle.templates.forEach((t, i) => {
      try {
        checkTemplate(t, compiled);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        problems.push({ path: `/templates/${i}`, message: error.message });
      }
    });
    bundle.wordTemplates?.forEach((t, i) => {
      try {
        checkDocxTemplate(Buffer.from(t.content, "base64"));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        problems.push({ path: `/wordTemplates/${i}/content`, message: `the Word template "${t.name.trim()}": ${error.message}` });
      }
    });
    return problems;
  }

  async function prepare(raw: unknown, words?: ReviewWords): Promise<{ bundle: ConfigBundle; result: BundleReview }> {
    const checked = validateBundle(raw);
    if (!checked.ok) throw invalid(checked.problems);
    const bundle = checked.bundle;
    const more = templateProblems(bundle);
    if (more.length) throw invalid(more);
    const now = await workspace.current();
    const changed = schemaFingerprint(now.schema) !== schemaFingerprint(bundle.schema);
    const planned = changed ? await workspace.plan({ baseVersion: now.version, schema: bundle.schema }) : null;
    const steps = (planned?.plan.steps ?? []).map((s) => ({ description: s.description, destructive: s.destructive }));
    const review = describeImport(await installed(now.schema), bundle, steps, words);
    return {
      bundle,
      result: { baseVersion: now.version, review, conversions: planned?.conversions ?? [], duplicates: planned?.duplicates ?? [] },
    };
  }

  async function writeRest(trx: Knex.Transaction, actor: Actor, bundle: ConfigBundle, review: ImportReview): Promise<void> {
    const compiled = compileSchema(bundle.schema);
    const now = dbNow();
    for (const [i, entry] of bundle.layouts.entries()) {
      if (review.layouts[i].action === "unchanged") continue;
      const row = (await trx(SYSTEM_TABLES.layouts).where({ table_id: entry.tableId }).first("version")) as { version: number } | undefined;
      const values = { layout: JSON.stringify(entry.layout), updated_at: now, updated_by: actor.id };
      if (row)
        await trx(SYSTEM_TABLES.layouts)
          .where({ table_id: entry.tableId })
          .update({ ...values, version: Number(row.version) + 1 });
      else await trx(SYSTEM_TABLES.layouts).insert({ table_id: entry.tableId, ...values, version: 1 });
      await audit(trx, {
        userId: actor.id,
        action: "layout",
        table: SYSTEM_TABLES.layouts,
        changes: { table: compiled.tablesById.get(entry.tableId)?.key, imported: true },
        ip: actor.ip,
      });
    }
    for (const [i, view] of bundle.views.entries()) {
      if (review.views[i].action === "unchanged") continue;
      const match = view.default
        ? { table_id: view.tableId, is_default: true }
        : { table_id: view.tableId, name: view.name, shared: true, is_default: false };
      const existing = (await trx(SYSTEM_TABLES.views).where(match).orderBy("id").first("id")) as { id: number } | undefined;
      const translations = translationsToStore(view.translations);
      if (existing)
        await trx(SYSTEM_TABLES.views)
          .where({ id: existing.id })
          .update({ state: JSON.stringify(view.state), translations, updated_at: now, version: trx.raw("version + 1") });
      else
        await trx(SYSTEM_TABLES.views).insert({
          table_id: view.tableId,
          name: view.name,
          translations,
          // Shared views belong to someone who may edit them: here, the admin who imported them.
          owner_id: view.default ? null : actor.id,
          shared: true,
          is_default: view.default,
          state: JSON.stringify(view.state),
          version: 1,
          created_at: now,
          updated_at: now,
        });
    }
    for (const [i, raw] of bundle.templates.entries()) {
      if (review.templates[i].action === "unchanged") continue;
      const t = checkTemplate(raw, compiled);
      const exists = await trx(PRINT_TEMPLATES_TABLE).where({ id: t.id }).first("id");
      // A template deleted here but present in the bundle comes back: the bundle is what should be.
      if (exists)
        await trx(PRINT_TEMPLATES_TABLE)
          .where({ id: t.id })
          .update({ ...toRow(t), updated_at: now, deleted_at: null });
      else await trx(PRINT_TEMPLATES_TABLE).insert({ ...toRow(t), created_at: now, updated_at: now });
      await audit(trx, {
        userId: actor.id,
        action: "template",
        table: PRINT_TEMPLATES_TABLE,
        changes: { id: t.id, table: t.table, name: t.name, op: "import" },
        ip: actor.ip,
      });
    }
    const changedRules = (bundle.rules ?? []).filter((_, i) => review.rules[i].action !== "unchanged");
    if (changedRules.length) await rules.importByName(trx, actor, changedRules, compiled);
    const changedWordTemplates = (bundle.wordTemplates ?? []).filter((_, i) => review.wordTemplates[i].action !== "unchanged");
    if (changedWordTemplates.length)
      await docx.importByName(
        trx,
        actor,
        changedWordTemplates.map((t) => ({ tableId: t.tableId, name: t.name, content: Buffer.from(t.content, "base64") })),
      );
    if (bundle.home && review.home[0]?.action !== "unchanged") {
      await putSetting(trx, HOME_PANELS_SETTING, JSON.stringify(bundle.home));
      await audit(trx, {
        userId: actor.id,
        action: "template",
        table: SETTINGS_TABLE,
        changes: { home: bundle.home.length, op: "import" },
        ip: actor.ip,
      });
    }
  }

  return {
    async exportBundle(actor) {
      requireAdmin(actor, "exportConfiguration");
      const { version, schema } = await workspace.current();
      const { layouts, views, templates: list, rules: ruleList, home: panels, wordTemplates } = await installed(schema);
      return {
        format: BUNDLE_FORMAT,
        formatVersion: BUNDLE_FORMAT_VERSION,
        exportedAt: new Date().toISOString(),
        source: { schemaVersion: version },
        schema,
        layouts,
        views,
        templates: list,
        rules: ruleList,
        home: panels,
        wordTemplates,
      };
    },

    async review(actor, raw, words) {
      requireAdmin(actor, "importAConfiguration");
      return (await prepare(raw, words)).result;
    },

    async apply(actor, raw, options) {
      requireAdmin(actor, "importAConfiguration");
      const baseVersion = options.baseVersion;
      if (typeof baseVersion !== "number" || !Number.isInteger(baseVersion) || baseVersion < 0) throw bundleRefusal(400, "baseVersion");
      const { bundle, result } = await prepare(raw, options.words);
      const { review } = result;
      if (baseVersion !== result.baseVersion)
        throw bundleRefusal(409, "changed", { reviewed: baseVersion, current: result.baseVersion }, { currentVersion: result.baseVersion });
      if (review.needsConfirmation && options.confirmDestructive !== true)
        throw bundleRefusal(409, "confirm", { steps: String(review.schema.destructiveSteps) }, { steps: review.schema.steps });
      let version = result.baseVersion;
      if (review.schema.changed)
        version = (
          await workspace.apply({
            baseVersion,
            schema: bundle.schema,
            confirmDestructive: options.confirmDestructive === true,
            actorId: actor.id,
          })
        ).version;
      // The schema change is its own journaled migration (MariaDB commits DDL as it goes), so it
      // cannot share the transaction of the rest. Everything was checked beforehand; should the
      // rest still fail, the admin learns what is in and that importing again finishes it (the
      // review then finds the schema unchanged and writes only what is missing).
      try {
        await db.transaction((trx) => writeRest(trx, actor, bundle, review));
      } catch (error) {
        console.error(
          "Importing a configuration bundle: the card layouts, views, templates, rules, home panels and Word templates were not written:",
          error,
        );
        throw bundleRefusal(503, review.schema.changed ? "restFailedAfterSchema" : "restFailed", { version }, { version });
      }
      return { version, review };
    },
  };
}
