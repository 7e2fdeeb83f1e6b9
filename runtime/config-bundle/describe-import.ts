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
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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

function schemaSummary(changed: boolean, steps: ReviewStep[]): string {
  if (!changed) return "The schema is the same: nothing to migrate.";
  if (steps.length === 0) return "Only labels, help texts or settings change: the database stays as it is.";
  const destructive = steps.filter((s) => s.destructive).length;
  const head = `The database changes in ${count(steps.length, "step")}`;
  return destructive === 0
    ? `${head}; none of them removes data.`
    : `${head}; ${count(destructive, "step removes or converts", "steps remove or convert")} data (moved to the trash, restorable there).`;
}

function itemsSummary(label: string, items: ReviewItem[]): string | null {
  const added = items.filter((i) => i.action === "add").length;
  const replaced = items.filter((i) => i.action === "replace").length;
  if (added + replaced === 0) return null;
  const parts = [added ? `${added} added` : "", replaced ? `${replaced} replaced` : ""].filter(Boolean);
  return `${label}: ${parts.join(", ")}.`;
}

/**
 * The review an admin reads before applying a bundle: the migration plan's steps (from `plan()`,
 * already worded for people) and, per layout, view and template, whether it is new, replaces
 * what is there, or is already the same. Pure, so the screen, the API and the CLI say the same.
 */
export function describeImport(installed: InstalledConfiguration, bundle: ConfigBundle, steps: ReviewStep[]): ImportReview {
  const compiled = compileSchema(bundle.schema);
  const changed = schemaFingerprint(installed.schema) !== schemaFingerprint(bundle.schema);

  const layoutsByTable = new Map(installed.layouts.map((l) => [l.tableId, l.layout]));
  const layouts = bundle.layouts.map((l) => ({
    key: l.tableId,
    name: `Card of ${tableName(compiled, l.tableId)}`,
    action: actionOf(layoutsByTable.get(l.tableId), l.layout),
  }));

  const viewKey = (v: BundleView) => `${v.tableId}/${v.default ? "" : v.name}`;
  const viewsByKey = new Map(installed.views.map((v) => [viewKey(v), v.state]));
  const views = bundle.views.map((v) => ({
    key: viewKey(v),
    name: v.default ? `List settings of ${tableName(compiled, v.tableId)}` : `View “${v.name}” of ${tableName(compiled, v.tableId)}`,
    action: actionOf(viewsByKey.get(viewKey(v)), v.state),
  }));

  const templatesById = new Map(installed.templates.map((t) => [t.id, templateContent(t)]));
  const templates = bundle.templates.map((t) => ({
    key: t.id,
    name: `Print template “${t.name}”`,
    action: actionOf(templatesById.get(t.id), templateContent(t)),
  }));

  const rulesByName = new Map(installed.rules.map((r) => [ruleKey(r.name), ruleContent(r)]));
  const rules = (bundle.rules ?? []).map((r) => ({
    key: ruleKey(r.name),
    name: `Rule “${r.name.trim()}” on ${compiled.tablesByKey.get(r.table)?.pluralLabel ?? r.table}`,
    action: actionOf(rulesByName.get(ruleKey(r.name)), ruleContent(r)),
  }));

  const home = bundle.home
    ? [
        {
          key: "home",
          name: `Home page panels (${bundle.home.length})`,
          action: actionOf(installed.home.length ? installed.home : undefined, bundle.home),
        },
      ]
    : [];

  const wordTemplatesByKey = new Map(installed.wordTemplates.map((t) => [wordTemplateKey(t), wordTemplateContent(t)]));
  const wordTemplates = (bundle.wordTemplates ?? []).map((t) => ({
    key: wordTemplateKey(t),
    name: `Word template “${t.name.trim()}” of ${tableName(compiled, t.tableId)}`,
    action: actionOf(wordTemplatesByKey.get(wordTemplateKey(t)), wordTemplateContent(t)),
  }));

  const destructiveSteps = steps.filter((s) => s.destructive).length;
  const schemaPart = { changed, steps, destructiveSteps, summary: schemaSummary(changed, steps) };
  const itemParts = [
    itemsSummary("Card layouts", layouts),
    itemsSummary("List views", views),
    itemsSummary("Print templates", templates),
    itemsSummary("Rules", rules),
    itemsSummary("Home page", home),
    itemsSummary("Word templates", wordTemplates),
  ].filter((s): s is string => s !== null);
  const noChanges = !changed && itemParts.length === 0;
  const summary = noChanges
    ? "No changes: this installation already has exactly this configuration."
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
