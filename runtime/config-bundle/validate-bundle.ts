import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import { definitionProblems } from "../automation/validate";
import { panelProblem } from "../home/panels";
import { layoutShapeProblems } from "../layouts/layout-schema";
import { layoutFieldProblems } from "../layouts/resolve-layout";
import { describeAjvError } from "../schema/ajv-messages";
import { compileSchema } from "../schema/compile";
import type { SchemaProblem } from "../schema/types";
import { validateWorkspaceSchema } from "../schema/validate-workspace";
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, configBundleJsonSchema, type ConfigBundle } from "./bundle-format";
import { wordTemplateKey } from "./describe-import";

export type BundleProblem = SchemaProblem;
export type BundleValidation = { ok: true; bundle: ConfigBundle } | { ok: false; problems: BundleProblem[] };

let envelope: ValidateFunction<ConfigBundle> | null = null;
function envelopeValidator(): ValidateFunction<ConfigBundle> {
  // Typed as the whole bundle, though the schema and the layouts inside are checked only after it passes.
  envelope ??= new Ajv2020({ allErrors: true, strict: false }).compile<ConfigBundle>(configBundleJsonSchema);
  return envelope;
}

/** At most this many problems: enough to fix a file, not a wall of text. */
const MAX_PROBLEMS = 50;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function describe(e: ErrorObject): string {
  return describeAjvError(e, { unknownProperty: (name) => `"${name}" is not part of a configuration bundle: remove it` });
}

// A problem keeps its phrase (`words`), so the import screen can say it in the admin's language.
const under = (prefix: string, problems: BundleProblem[]): BundleProblem[] =>
  problems.map((p) => ({ ...p, path: p.path === "/" || p.path === "" ? prefix : `${prefix}${p.path}` }));

/**
 * Checks an uploaded bundle: its envelope against the bundle's JSON Schema, then the workspace
 * schema with the same gate `PUT /api/schema` uses, then every layout, view, template, rule, home
 * panel and Word template (its table; its .docx is read on the server) against
 * the bundle's own schema (not the installation's: that is what will be in force after the import).
 * Every problem carries a JSON Pointer into the bundle file.
 */
export function validateBundle(raw: unknown): BundleValidation {
  if (!isObject(raw))
    return { ok: false, problems: [{ path: "/", message: "a configuration bundle is a JSON object; export one from /admin/config" }] };
  if (raw.format !== BUNDLE_FORMAT)
    return {
      ok: false,
      problems: [
        {
          path: "/format",
          message: `must be "${BUNDLE_FORMAT}": this file is not a Tessera configuration bundle (a bare workspace schema is applied with PUT /api/schema or npm run crm -- schema apply)`,
        },
      ],
    };
  if (raw.formatVersion !== BUNDLE_FORMAT_VERSION)
    return {
      ok: false,
      problems: [
        {
          path: "/formatVersion",
          message: `this installation reads bundle format ${BUNDLE_FORMAT_VERSION}; the file says ${JSON.stringify(raw.formatVersion)}. Export it again from an installation of the same Tessera version.`,
        },
      ],
    };

  const validate = envelopeValidator();
  if (!validate(raw)) {
    const seen = new Set<string>();
    const problems: BundleProblem[] = [];
    for (const e of validate.errors ?? []) {
      const path = e.instancePath || "/";
      const message = describe(e);
      if (seen.has(path + message)) continue;
      seen.add(path + message);
      problems.push({ path, message });
    }
    return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  }
  const bundle = raw;

  const checked = validateWorkspaceSchema(bundle.schema);
  if (!checked.ok) return { ok: false, problems: under("/schema", checked.problems).slice(0, MAX_PROBLEMS) };
  const compiled = compileSchema(checked.schema);

  const problems: BundleProblem[] = [];
  const layoutTables = new Set<string>();
  bundle.layouts.forEach((entry, i) => {
    const at = `/layouts/${i}`;
    const table = compiled.tablesById.get(entry.tableId);
    if (!table)
      return problems.push({
        path: `${at}/tableId`,
        message: `no table of the bundle's schema has the x-id "${entry.tableId}"; remove this layout or add the table`,
      });
    if (layoutTables.has(entry.tableId))
      problems.push({ path: `${at}/tableId`, message: `a second layout for ${table.pluralLabel}: keep one` });
    layoutTables.add(entry.tableId);
    const shape = layoutShapeProblems(entry.layout);
    if (shape.length) return problems.push(...under(`${at}/layout`, shape));
    problems.push(...under(`${at}/layout`, layoutFieldProblems(entry.layout, table, compiled)));
  });

  const viewNames = new Set<string>();
  bundle.views.forEach((view, i) => {
    const at = `/views/${i}`;
    const table = compiled.tablesById.get(view.tableId);
    if (!table)
      return problems.push({
        path: `${at}/tableId`,
        message: `no table of the bundle's schema has the x-id "${view.tableId}"; remove this view or add the table`,
      });
    const key = `${view.tableId}\u0000${view.default ? "" : view.name}`;
    if (viewNames.has(key))
      problems.push({
        path: `${at}/name`,
        message: view.default
          ? `${table.pluralLabel} has list settings twice: keep one`
          : `${table.pluralLabel} has two shared views named "${view.name}": rename one`,
      });
    viewNames.add(key);
  });

  const templateIds = new Set<string>();
  bundle.templates.forEach((t, i) => {
    const at = `/templates/${i}`;
    if (!compiled.tablesByKey.has(t.table))
      problems.push({
        path: `${at}/table`,
        message: `the bundle's schema has no table "${t.table}" to print; fix the key or remove the template`,
      });
    if (templateIds.has(t.id))
      problems.push({ path: `${at}/id`, message: `a second template with the id "${t.id}": template ids must be unique` });
    templateIds.add(t.id);
  });

  const ruleNames = new Set<string>();
  (bundle.rules ?? []).forEach((rule, i) => {
    const at = `/rules/${i}`;
    problems.push(...under(at, definitionProblems(rule, compiled)));
    const name = typeof rule.name === "string" ? rule.name.trim().toLowerCase() : "";
    if (name && ruleNames.has(name))
      problems.push({ path: `${at}/name`, message: `a second rule named "${rule.name}": rule names must be unique` });
    ruleNames.add(name);
  });

  const panelIds = new Set<string>();
  (bundle.home ?? []).forEach((panel, i) => {
    const problem = panelProblem(panel, compiled);
    if (problem) problems.push({ path: `/home/${i}`, message: `the home panel "${panel.title}" cannot be shown: ${problem}` });
    if (panelIds.has(panel.id)) problems.push({ path: `/home/${i}/id`, message: `a second home panel with the id "${panel.id}"` });
    panelIds.add(panel.id);
  });

  const wordTemplateKeys = new Set<string>();
  (bundle.wordTemplates ?? []).forEach((t, i) => {
    const at = `/wordTemplates/${i}`;
    const table = compiled.tablesById.get(t.tableId);
    if (!table)
      return problems.push({
        path: `${at}/tableId`,
        message: `no table of the bundle's schema has the x-id "${t.tableId}" for the Word template "${t.name}"; remove it or add the table`,
      });
    const key = wordTemplateKey(t);
    if (wordTemplateKeys.has(key))
      problems.push({ path: `${at}/name`, message: `${table.pluralLabel} have two Word templates named "${t.name.trim()}": rename one` });
    wordTemplateKeys.add(key);
  });

  return problems.length
    ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) }
    : { ok: true, bundle: { ...bundle, schema: checked.schema } };
}

/** An uploaded file's text as JSON, or a problem at "/" that says what is wrong with it. */
export function parseBundleText(text: string): { ok: true; value: unknown } | { ok: false; problems: BundleProblem[] } {
  if (text.trim() === "")
    return { ok: false, problems: [{ path: "/", message: "the file is empty: choose a bundle exported from /admin/config" }] };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      problems: [
        { path: "/", message: `the file is not valid JSON (${(error as Error).message}); choose a bundle exported from /admin/config` },
      ],
    };
  }
}
