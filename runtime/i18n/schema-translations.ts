import { compileSchema, type CompiledSchema } from "../schema/compile";
import type { Translations, WorkspaceSchema } from "../schema/types";

/** The words each kind of node translates, beside its option labels (`x-labels`) for a field. */
const WORKSPACE_WORDS = ["title"] as const;
const GROUP_WORDS = ["title"] as const;
const TABLE_WORDS = ["title", "x-plural", "description"] as const;
const FIELD_WORDS = ["title", "description"] as const;

const pickFor = (language: string) => (t: Translations | undefined) => t?.[language] ?? t?.[language.split("-")[0]];

/**
 * The workspace schema as a reader of `language` sees it: each node's `title`, `description`,
 * `x-plural` and option labels replaced by its `x-translations` for that language where it has
 * them (`sv-SE` falls back to `sv`), the rest as written. Keys, ids and rules are untouched, so
 * records read through either schema alike. The translations themselves are left out: a card
 * sends its part of the schema to the browser, which needs one language. Pure: the input is not changed.
 */
export function translateSchema(schema: WorkspaceSchema, language: string): WorkspaceSchema {
  const pick = pickFor(language);
  const words = pick(schema["x-translations"]);
  return {
    ...without(schema),
    ...onlyText(words, WORKSPACE_WORDS),
    ...(schema["x-groups"]
      ? { "x-groups": schema["x-groups"].map((g) => ({ ...without(g), ...onlyText(pick(g["x-translations"]), GROUP_WORDS) })) }
      : {}),
    $defs: Object.fromEntries(
      Object.entries(schema.$defs).map(([key, table]) => [
        key,
        {
          ...without(table),
          ...onlyText(pick(table["x-translations"]), TABLE_WORDS),
          ...lockIn(table, pick(table["x-translations"])?.["x-lock-message"]),
          properties: Object.fromEntries(
            Object.entries(table.properties).map(([fieldKey, field]) => {
              const t = pick(field["x-translations"]);
              if (!t) return [fieldKey, without(field)];
              const labels = t["x-labels"] ? { "x-labels": { ...field["x-labels"], ...t["x-labels"] } } : {};
              return [fieldKey, { ...without(field), ...onlyText(t, FIELD_WORDS), ...labels }];
            }),
          ),
        },
      ]),
    ),
  };
}

/** The table's lock with its message in the reader's words, where it has both. */
function lockIn(table: WorkspaceSchema["$defs"][string], message: string | undefined): Partial<WorkspaceSchema["$defs"][string]> {
  const lock = table["x-lock"];
  return lock?.message && message ? { "x-lock": { ...lock, message } } : {};
}

function without<T extends { "x-translations"?: Translations }>(node: T): Omit<T, "x-translations"> {
  const { "x-translations": _dropped, ...rest } = node;
  return rest;
}

function onlyText(words: Record<string, unknown> | undefined, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) if (typeof words?.[key] === "string" && words[key]) out[key] = words[key] as string;
  return out;
}

/**
 * The words of the schema a reader of `language` would still see as written, one line each
 * (`clients.status x-labels.lead`, `events description`): every title, plural, description and
 * option label that has no translation for the language. Empty when the schema is complete in it.
 */
export function untranslatedWords(schema: WorkspaceSchema, language: string): string[] {
  const pick = pickFor(language);
  const missing: string[] = [];
  const check = <N extends { "x-translations"?: Translations }>(at: string, node: N, keys: readonly (keyof N & string)[]) => {
    const words = pick(node["x-translations"]);
    for (const key of keys) {
      if (typeof node[key] === "string" && node[key] && !words?.[key as keyof typeof words]) missing.push(`${at} ${key}`);
    }
  };
  check("workspace", schema, WORKSPACE_WORDS);
  for (const group of schema["x-groups"] ?? []) check(`group ${group.key}`, group, GROUP_WORDS);
  for (const [tableKey, table] of Object.entries(schema.$defs)) {
    check(tableKey, table, TABLE_WORDS);
    if (table["x-lock"]?.message && !pick(table["x-translations"])?.["x-lock-message"]) missing.push(`${tableKey} x-lock-message`);
    for (const [fieldKey, field] of Object.entries(table.properties)) {
      const at = `${tableKey}.${fieldKey}`;
      check(at, field, FIELD_WORDS);
      const labels = pick(field["x-translations"])?.["x-labels"];
      for (const value of Object.keys(field["x-labels"] ?? {})) if (!labels?.[value]) missing.push(`${at} x-labels.${value}`);
    }
  }
  return missing;
}

type Current = { version: number; schema: WorkspaceSchema; compiled: CompiledSchema };
const translated = new WeakMap<CompiledSchema, Map<string, Current>>();

/** The workspace in `language`, compiled once per schema version and language. */
export function inLanguage(current: Current, language: string): Current {
  let byLanguage = translated.get(current.compiled);
  if (!byLanguage) translated.set(current.compiled, (byLanguage = new Map()));
  let answer = byLanguage.get(language);
  if (!answer) {
    const schema = translateSchema(current.schema, language);
    answer = { version: current.version, schema, compiled: compileSchema(schema, current.version) };
    byLanguage.set(language, answer);
  }
  return answer;
}
