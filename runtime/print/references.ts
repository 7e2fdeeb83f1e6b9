import { tablesName } from "../i18n/schema-names";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { relationTarget } from "../fields/structure";
import type { PrintTemplate } from "./template";
import type { Phrase } from "../i18n/words";
import { problemWords } from "./problem-words";

/** A reference in a template that the current schema cannot satisfy. */
export interface TemplateProblem {
  /** As written, e.g. `record.client.vat_no`. */
  path: string;
  table: string;
  field: string;
  message: string;
  /** The message as a catalog phrase, for screens in other languages. */
  words: Phrase;
}

/** A place a path can lead: a table's records, or something we do not check further. */
type Scope = { table: CompiledTable } | "unchecked";

const SYSTEM_KEYS = new Set(["id", "version", "created_at", "updated_at", "created_by", "updated_by"]);
/** Liquid's own properties of lists and strings. */
const LIST_PROPERTIES = new Set(["size", "first", "last"]);
/** Added to every record by the renderer (render-html.ts). */
const COMPUTED_KEYS = new Set(["tax_summary"]);

const LIQUID_SEGMENT = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
// String literals come first in the alternation so paths inside quotes are skipped, not rewritten.
const PATH_OR_STRING = /"[^"]*"|'[^']*'|\b([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)+)/g;
const LOOP_OR_ASSIGN = /^\{%-?\s*(?:for\s+([A-Za-z_]\w*)\s+in|assign\s+([A-Za-z_]\w*)\s*=)\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/;

function step(compiled: CompiledSchema, table: CompiledTable, key: string): Scope | null {
  const field = table.fieldsByKey.get(key);
  if (field) {
    const targetKey = relationTarget(field);
    if (targetKey === undefined) return "unchecked";
    const target = compiled.tablesByKey.get(targetKey);
    return target ? { table: target } : "unchecked";
  }
  const list = table.lists.find((l) => l.name === key);
  if (list) {
    const child = compiled.tablesByKey.get(list.table);
    return child ? { table: child } : "unchecked";
  }
  if (key === "first" || key === "last") return { table };
  if (SYSTEM_KEYS.has(key) || COMPUTED_KEYS.has(key) || LIST_PROPERTIES.has(key)) return "unchecked";
  return null;
}

interface Walker {
  roots: Map<string, Scope>;
  /** Called for each segment that does not resolve; may return a replacement key. */
  onUnknown(table: CompiledTable, key: string, path: string): string | void;
  /** Called for each segment that is a field of `table`; may return the key to write instead. */
  onField?(table: CompiledTable, key: string): string | void;
}

function walkPath(compiled: CompiledSchema, walker: Walker, root: string, rest: string): { scope: Scope | null; rewritten: string } {
  let scope: Scope | null = walker.roots.get(root) ?? null;
  if (!scope) return { scope: null, rewritten: rest };
  const keys = rest.slice(1).split(".");
  const out: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    let key = keys[i];
    if (scope === "unchecked" || scope === null) {
      out.push(...keys.slice(i));
      break;
    }
    const table: CompiledTable = scope.table;
    let next = step(compiled, table, key);
    // The walk goes on by the key as it resolves; only what is written changes.
    const written = next !== null && table.fieldsByKey.has(key) ? walker.onField?.(table, key) : undefined;
    if (written) {
      out.push(written);
      scope = next!;
      continue;
    }
    if (next === null) {
      const replaced = walker.onUnknown(table, key, `${root}.${[...out, key].join(".")}`);
      if (replaced) {
        key = replaced;
        next = step(compiled, table, key);
      }
    }
    out.push(key);
    scope = next === null ? "unchecked" : next;
  }
  return { scope, rewritten: `.${out.join(".")}` };
}

/** Rewrites every Liquid segment of `text`, tracking `for`/`assign` aliases in document order. */
function walkText(compiled: CompiledSchema, text: string, walker: Walker): string {
  return text.replace(LIQUID_SEGMENT, (segment) => {
    const alias = LOOP_OR_ASSIGN.exec(segment);
    const rewritten = segment.replace(PATH_OR_STRING, (match, root: string | undefined, rest: string | undefined) => {
      if (!root || !rest) return match;
      return root + walkPath(compiled, walker, root, rest).rewritten;
    });
    if (alias) {
      const [, loopVar, assignVar, source] = alias;
      const [root, ...rest] = source.split(".");
      const { scope } = walkPath(compiled, { ...walker, onUnknown: () => undefined }, root, rest.length ? `.${rest.join(".")}` : "");
      const name = loopVar ?? assignVar;
      if (scope && rest.length) walker.roots.set(name, scope);
      else walker.roots.delete(name);
    }
    return rewritten;
  });
}

function rootsFor(compiled: CompiledSchema, tableKey: string): Map<string, Scope> {
  const roots = new Map<string, Scope>();
  const table = compiled.tablesByKey.get(tableKey);
  if (table) roots.set("record", { table });
  const company = compiled.tablesByKey.get("company");
  if (company) roots.set("company", { table: company });
  return roots;
}

const templateTexts = (t: Pick<PrintTemplate, "html" | "css" | "page">) => [t.html, t.css, t.page.header ?? "", t.page.footer ?? ""];

/**
 * Fields a template refers to that the schema does not have (any more): `record.<path>`,
 * `company.<path>` and loop variables over lists, followed through relations and child tables.
 */
export function templateProblems(
  template: Pick<PrintTemplate, "table" | "html" | "css" | "page">,
  compiled: CompiledSchema,
): TemplateProblem[] {
  if (!compiled.tablesByKey.has(template.table))
    return [{ path: "record", table: template.table, field: "", ...problemWords("tableGone", { table: template.table }) }];
  const problems = new Map<string, TemplateProblem>();
  const roots = rootsFor(compiled, template.table);
  for (const text of templateTexts(template)) {
    walkText(compiled, text, {
      roots,
      onUnknown: (table, key, path) => {
        if (!problems.has(path))
          problems.set(path, {
            path,
            table: table.key,
            field: key,
            ...problemWords("removedField", { field: key, table: tablesName(table), path }),
          });
      },
    });
  }
  return [...problems.values()];
}

/**
 * Follows a field rename: every reference that reaches `field` of `table` (directly, through a
 * relation or a loop variable) is rewritten to `newKey`. `compiled` is the schema after the rename.
 */
export function renameFieldInText(
  text: string,
  compiled: CompiledSchema,
  templateTable: string,
  table: string,
  oldKey: string,
  newKey: string,
): string {
  return walkText(compiled, text, {
    roots: rootsFor(compiled, templateTable),
    onUnknown: (t, key) => (t.key === table && key === oldKey ? newKey : undefined),
  });
}

export function renameFieldInTemplate<T extends Pick<PrintTemplate, "table" | "html" | "css" | "page">>(
  template: T,
  compiled: CompiledSchema,
  table: string,
  oldKey: string,
  newKey: string,
): T {
  const r = (text: string) => renameFieldInText(text, compiled, template.table, table, oldKey, newKey);
  const page = { ...template.page };
  if (page.header !== undefined) page.header = r(page.header);
  if (page.footer !== undefined) page.footer = r(page.footer);
  return { ...template, html: r(template.html), css: r(template.css), page };
}

/** The simple case the designer needs most: `record.old_key` → `record.new_key`, whole words only. */
export function renameRecordReference(html: string, oldKey: string, newKey: string): string {
  const pattern = new RegExp(`\\brecord\\.${oldKey.replace(/[^\w]/g, "")}(?![\\w])`, "g");
  return html.replace(LIQUID_SEGMENT, (segment) => segment.replace(pattern, `record.${newKey}`));
}

/** `table key NUL old field key` → new field key, for every field whose key a change renamed (matched by id). */
export function renamedFieldKeys(before: CompiledSchema, after: CompiledSchema): Map<string, string> {
  const renamed = new Map<string, string>();
  for (const t of before.tables) {
    const now = after.tablesById.get(t.id);
    if (!now) continue;
    for (const f of t.fields) {
      const key = now.fields.find((g) => g.id === f.id)?.key;
      if (key !== undefined && key !== f.key) renamed.set(`${t.key}\u0000${f.key}`, key);
    }
  }
  return renamed;
}

/**
 * A dotted path read from a record of `table` (in `before`), its field keys renamed as `renamed`
 * (from `renamedFieldKeys`) says, and the table it leads to (null when it leads to a value or to
 * something not checked). `resolves` tells whether `table` has the path's first key at all;
 * `onUnknown` hears of each later key the table reached has not.
 */
export function followRenamesInPath(
  before: CompiledSchema,
  table: CompiledTable,
  keys: readonly string[],
  renamed: ReadonlyMap<string, string>,
  onUnknown: (table: CompiledTable, key: string) => void = () => undefined,
): { keys: string[]; table: CompiledTable | null; resolves: boolean } {
  const resolves = keys.length === 0 || step(before, table, keys[0]) !== null;
  if (keys.length === 0) return { keys: [], table, resolves };
  if (!resolves) return { keys: [...keys], table: null, resolves };
  const { scope, rewritten } = walkPath(
    before,
    {
      roots: new Map([["$", { table }]]),
      onUnknown: (t, key) => void onUnknown(t, key),
      onField: (t, key) => renamed.get(`${t.key}\u0000${key}`),
    },
    "$",
    `.${keys.join(".")}`,
  );
  return { keys: rewritten.slice(1).split("."), table: scope && scope !== "unchecked" ? scope.table : null, resolves };
}

/**
 * Follows every field key a schema change renamed, in one pass and by field id: each reference is
 * resolved against the schema *before* the change, and a field whose key changed is written with
 * its new key. So a rename whose old key is reused by a new field in the same change, a swap of two
 * keys, or a chain of renames all end up pointing at the fields they meant.
 */
export function followRenamesInTemplate<T extends Pick<PrintTemplate, "table" | "html" | "css" | "page">>(
  template: T,
  before: CompiledSchema,
  after: CompiledSchema,
): T {
  const renamed = renamedFieldKeys(before, after);
  if (renamed.size === 0 || !before.tablesByKey.has(template.table)) return template;
  const r = (text: string) =>
    walkText(before, text, {
      roots: rootsFor(before, template.table),
      onUnknown: () => undefined,
      onField: (t, key) => renamed.get(`${t.key}\u0000${key}`),
    });
  const page = { ...template.page };
  if (page.header !== undefined) page.header = r(page.header);
  if (page.footer !== undefined) page.footer = r(page.footer);
  return { ...template, html: r(template.html), css: r(template.css), page };
}

/**
 * Follows renamed field keys (matched by id between `before` and `after`) in any Liquid text whose
 * variables are records of known tables: `roots` maps each variable to its table key in `before`
 * (automation's templates: `record`, `previous`, `line`, `target`, …).
 */
export function followRenamesInText(text: string, before: CompiledSchema, after: CompiledSchema, roots: Record<string, string>): string {
  const renamed = renamedFieldKeys(before, after);
  if (renamed.size === 0) return text;
  const scopes = new Map<string, Scope>();
  for (const [name, tableKey] of Object.entries(roots)) {
    const table = before.tablesByKey.get(tableKey);
    if (table) scopes.set(name, { table });
  }
  return walkText(before, text, {
    roots: scopes,
    onUnknown: () => undefined,
    onField: (t, key) => renamed.get(`${t.key}\u0000${key}`),
  });
}
