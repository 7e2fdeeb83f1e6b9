import { compileSchema, type CompiledSchema } from "../schema/compile";
import type { Translations, WorkspaceSchema } from "../schema/types";

/**
 * The workspace schema as a reader of `language` sees it: each node's `title`, `description`,
 * `x-plural` and option labels replaced by its `x-translations` for that language where it has
 * them (`sv-SE` falls back to `sv`), the rest as written. Keys, ids and rules are untouched, so
 * records read through either schema alike. The translations themselves are left out: a card
 * sends its part of the schema to the browser, which needs one language. Pure: the input is not changed.
 */
export function translateSchema(schema: WorkspaceSchema, language: string): WorkspaceSchema {
  const pick = (t: Translations | undefined) => t?.[language] ?? t?.[language.split("-")[0]];
  const words = pick(schema["x-translations"]);
  return {
    ...without(schema),
    ...(words?.title ? { title: words.title } : {}),
    ...(schema["x-groups"]
      ? { "x-groups": schema["x-groups"].map((g) => ({ ...without(g), ...onlyText(pick(g["x-translations"]), ["title"]) })) }
      : {}),
    $defs: Object.fromEntries(
      Object.entries(schema.$defs).map(([key, table]) => [
        key,
        {
          ...without(table),
          ...onlyText(pick(table["x-translations"]), ["title", "x-plural", "description"]),
          properties: Object.fromEntries(
            Object.entries(table.properties).map(([fieldKey, field]) => {
              const t = pick(field["x-translations"]);
              if (!t) return [fieldKey, without(field)];
              const labels = t["x-labels"] ? { "x-labels": { ...field["x-labels"], ...t["x-labels"] } } : {};
              return [fieldKey, { ...without(field), ...onlyText(t, ["title", "description"]), ...labels }];
            }),
          ),
        },
      ]),
    ),
  };
}

function without<T extends { "x-translations"?: Translations }>(node: T): Omit<T, "x-translations"> {
  const { "x-translations": _dropped, ...rest } = node;
  return rest;
}

function onlyText(words: Record<string, unknown> | undefined, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) if (typeof words?.[key] === "string" && words[key]) out[key] = words[key] as string;
  return out;
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
