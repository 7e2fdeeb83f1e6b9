import type { RuleDefinition } from "../automation/types";
import type { HomePanel } from "../home/panels";
import type { PrintTemplate } from "../print/template";
import { compileSchema, type CompiledSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import type { BundleLayout, BundleView, BundleWordTemplate, ConfigBundle } from "./bundle-format";

/** What the installation holds today, in the bundle's own terms. */
export interface InstalledConfiguration {
  schema: WorkspaceSchema;
  layouts: BundleLayout[];
  views: BundleView[];
  templates: PrintTemplate[];
  rules: RuleDefinition[];
  home: HomePanel[];
  wordTemplates: BundleWordTemplate[];
}

export interface ReviewStep {
  description: string;
  destructive: boolean;
}

export type ReviewAction = "add" | "replace" | "unchanged";

export interface ReviewItem {
  /** Stable within its list: table id, `tableId/name` of a view, template id. */
  key: string;
  name: string;
  action: ReviewAction;
}

export interface ImportReview {
  schema: { changed: boolean; steps: ReviewStep[]; destructiveSteps: number; summary: string };
  layouts: ReviewItem[];
  views: ReviewItem[];
  templates: ReviewItem[];
  /** By name; none when the bundle carries no rules (the installation's stay as they are). */
  rules: ReviewItem[];
  /** The home page's panels as one item; none when the bundle carries none. */
  home: ReviewItem[];
  /** By table and name; none when the bundle carries no Word templates (the installation's stay). */
  wordTemplates: ReviewItem[];
  /** Nothing at all would change. */
  noChanges: boolean;
  /** Some step removes or converts data: the admin must confirm before applying. */
  needsConfirmation: boolean;
  summary: string;
}

/** The schema without its version stamp: two installations number the same schema differently. */
export function schemaFingerprint(schema: WorkspaceSchema): string {
  const { "x-version": _version, ...rest } = schema;
  void _version;
  return JSON.stringify(rest);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The words of a review: the catalog's `importScreen.review.*` through i18next's `t` (plural
 * forms chosen by `count`), or these English ones. The CLI and the API speak English.
 */
export type ReviewWords = (key: string, values?: Record<string, unknown>) => string;

/** Exported for the test that keeps them equal to locales/en.json; a message with plural forms has one per form. */
export const ENGLISH_REVIEW_WORDS: Record<string, string | { one: string; other: string }> = {
  "importScreen.review.schemaSame": "The schema is the same: nothing to migrate.",
  "importScreen.review.labelsOnly": "Only labels, help texts or settings change: the database stays as it is.",
  "importScreen.review.safe": "The database changes in {{steps}}; none of them removes data.",
  "importScreen.review.destructive": "The database changes in {{steps}}; {{destructive}} data (moved to the trash, restorable there).",
  "importScreen.review.steps": { one: "{{count}} step", other: "{{count}} steps" },
  "importScreen.review.destructiveSteps": { one: "{{count}} step removes or converts", other: "{{count}} steps remove or convert" },
  "importScreen.review.items": "{{label}}: {{parts}}.",
  "importScreen.review.added": { one: "{{count}} added", other: "{{count}} added" },
  "importScreen.review.replaced": { one: "{{count}} replaced", other: "{{count}} replaced" },
  "importScreen.review.kind.layouts": "Card layouts",
  "importScreen.review.kind.views": "List views",
  "importScreen.review.kind.templates": "Print templates",
  "importScreen.review.kind.rules": "Rules",
  "importScreen.review.kind.home": "Home page",
  "importScreen.review.kind.wordTemplates": "Word templates",
  "importScreen.review.card": "Card of {{table}}",
  "importScreen.review.listSettings": "List settings of {{table}}",
  "importScreen.review.view": "View “{{name}}” of {{table}}",
  "importScreen.review.template": "Print template “{{name}}”",
  "importScreen.review.rule": "Rule “{{name}}” on {{table}}",
  "importScreen.review.home": "Home page panels ({{count}})",
  "importScreen.review.wordTemplate": "Word template “{{name}}” of {{table}}",
  "importScreen.review.noChanges": "No changes: this installation already has exactly this configuration.",
};

export const englishReviewWords: ReviewWords = (key, values = {}) => {
  const message = ENGLISH_REVIEW_WORDS[key] ?? key;
  const text = typeof message === "string" ? message : values.count === 1 ? message.one : message.other;
  return text.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ""));
};

function tableName(compiled: CompiledSchema, tableId: string): string {
  return compiled.tablesById.get(tableId)?.pluralLabel ?? tableId;
}

function actionOf<T>(existing: T | undefined, incoming: T): ReviewAction {
  if (existing === undefined) return "add";
  return same(existing, incoming) ? "unchanged" : "replace";
}

function templateContent(t: PrintTemplate) {
  return {
    table: t.table,
    name: t.name,
    html: t.html,
    css: t.css,
    page: t.page,
    condition: t.condition ?? null,
    project: t.project ?? null,
    translations: t.translations ?? {},
  };
}

/** Rules match by name, as the store keeps them unique: case and spaces around it aside. */
export const ruleKey = (name: string) => name.trim().toLowerCase();

/** Word templates match by table and name, case and spaces around it aside. */
export const wordTemplateKey = (t: Pick<BundleWordTemplate, "tableId" | "name">) => `${t.tableId}/${t.name.trim().toLowerCase()}`;

/** A Word template is what its .docx holds, under the name it is shown by; stamps and size aside. */
const wordTemplateContent = (t: BundleWordTemplate) => ({ name: t.name.trim(), content: t.content });

/** What a rule does, its keys in one order: the rules API and a bundle may write them in another. */
function ruleContent(r: RuleDefinition) {
  const { name, description, table, enabled, trigger, condition, previous, actions } = r;
  return {
    name: name.trim(),
    description: description ?? null,
    table,
    enabled,
    trigger,
    condition: condition ?? null,
    previous: previous ?? null,
    actions,
  };
}

function schemaSummary(changed: boolean, steps: ReviewStep[], t: ReviewWords): string {
  if (!changed) return t("importScreen.review.schemaSame");
  if (steps.length === 0) return t("importScreen.review.labelsOnly");
  const destructive = steps.filter((s) => s.destructive).length;
  const count = t("importScreen.review.steps", { count: steps.length });
  return destructive === 0
    ? t("importScreen.review.safe", { steps: count })
    : t("importScreen.review.destructive", {
        steps: count,
        destructive: t("importScreen.review.destructiveSteps", { count: destructive }),
      });
}

function itemsSummary(label: string, items: ReviewItem[], t: ReviewWords): string | null {
  const added = items.filter((i) => i.action === "add").length;
  const replaced = items.filter((i) => i.action === "replace").length;
  if (added + replaced === 0) return null;
  const parts = [
    added ? t("importScreen.review.added", { count: added }) : "",
    replaced ? t("importScreen.review.replaced", { count: replaced }) : "",
  ].filter(Boolean);
  return t("importScreen.review.items", { label, parts: parts.join(", ") });
}

/**
 * The review an admin reads before applying a bundle: the migration plan's steps (from `plan()`,
 * already worded for people) and, per layout, view and template, whether it is new, replaces
 * what is there, or is already the same. Pure, so the screen, the API and the CLI say the same
 * (the screen in its reader's words, `t`).
 */
export function describeImport(
  installed: InstalledConfiguration,
  bundle: ConfigBundle,
  steps: ReviewStep[],
  t: ReviewWords = englishReviewWords,
): ImportReview {
  const compiled = compileSchema(bundle.schema);
  const changed = schemaFingerprint(installed.schema) !== schemaFingerprint(bundle.schema);

  const layoutsByTable = new Map(installed.layouts.map((l) => [l.tableId, l.layout]));
  const layouts = bundle.layouts.map((l) => ({
    key: l.tableId,
    name: t("importScreen.review.card", { table: tableName(compiled, l.tableId) }),
    action: actionOf(layoutsByTable.get(l.tableId), l.layout),
  }));

  const viewKey = (v: BundleView) => `${v.tableId}/${v.default ? "" : v.name}`;
  // A view's words travel with it: translations that differ are a change as much as its columns.
  const viewContent = (v: BundleView) => ({ state: v.state, translations: v.translations ?? {} });
  const viewsByKey = new Map(installed.views.map((v) => [viewKey(v), viewContent(v)]));
  const views = bundle.views.map((v) => ({
    key: viewKey(v),
    name: v.default
      ? t("importScreen.review.listSettings", { table: tableName(compiled, v.tableId) })
      : t("importScreen.review.view", { name: v.name, table: tableName(compiled, v.tableId) }),
    action: actionOf(viewsByKey.get(viewKey(v)), viewContent(v)),
  }));

  const templatesById = new Map(installed.templates.map((t) => [t.id, templateContent(t)]));
  const templates = bundle.templates.map((template) => ({
    key: template.id,
    name: t("importScreen.review.template", { name: template.name }),
    action: actionOf(templatesById.get(template.id), templateContent(template)),
  }));

  const rulesByName = new Map(installed.rules.map((r) => [ruleKey(r.name), ruleContent(r)]));
  const rules = (bundle.rules ?? []).map((r) => ({
    key: ruleKey(r.name),
    name: t("importScreen.review.rule", { name: r.name.trim(), table: compiled.tablesByKey.get(r.table)?.pluralLabel ?? r.table }),
    action: actionOf(rulesByName.get(ruleKey(r.name)), ruleContent(r)),
  }));

  const home = bundle.home
    ? [
        {
          key: "home",
          name: t("importScreen.review.home", { count: bundle.home.length }),
          action: actionOf(installed.home.length ? installed.home : undefined, bundle.home),
        },
      ]
    : [];

  const wordTemplatesByKey = new Map(installed.wordTemplates.map((t) => [wordTemplateKey(t), wordTemplateContent(t)]));
  const wordTemplates = (bundle.wordTemplates ?? []).map((w) => ({
    key: wordTemplateKey(w),
    name: t("importScreen.review.wordTemplate", { name: w.name.trim(), table: tableName(compiled, w.tableId) }),
    action: actionOf(wordTemplatesByKey.get(wordTemplateKey(w)), wordTemplateContent(w)),
  }));

  const destructiveSteps = steps.filter((s) => s.destructive).length;
  const schemaPart = { changed, steps, destructiveSteps, summary: schemaSummary(changed, steps, t) };
  const itemParts = [
    itemsSummary(t("importScreen.review.kind.layouts"), layouts, t),
    itemsSummary(t("importScreen.review.kind.views"), views, t),
    itemsSummary(t("importScreen.review.kind.templates"), templates, t),
    itemsSummary(t("importScreen.review.kind.rules"), rules, t),
    itemsSummary(t("importScreen.review.kind.home"), home, t),
    itemsSummary(t("importScreen.review.kind.wordTemplates"), wordTemplates, t),
  ].filter((s): s is string => s !== null);
  const noChanges = !changed && itemParts.length === 0;
  const summary = noChanges
    ? t("importScreen.review.noChanges")
    : [changed ? schemaPart.summary : null, ...itemParts].filter(Boolean).join(" ");
  return {
    schema: schemaPart,
    layouts,
    views,
    templates,
    rules,
    home,
    wordTemplates,
    noChanges,
    needsConfirmation: destructiveSteps > 0,
    summary,
  };
}
