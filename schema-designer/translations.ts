import type { Translations, WorkspaceSchema } from "@runtime/schema/types";
import { assertStillValid, cloneSchema, getField, getTable } from "./shared";

/** One node's words in one language; "" or null takes a word's translation away. */
export interface NodeWords {
  title?: string | null;
  "x-plural"?: string | null;
  description?: string | null;
  /** Option value → its label in the language. */
  "x-labels"?: Record<string, string | null>;
}

/**
 * Sets a table's or a field's words in `language` (its `x-translations`), keeping the other
 * languages. What is left empty is removed, down to the keyword itself, so an untranslated
 * schema stays as it was written. Checked against the meta-schema like every edit.
 */
export function setTranslations(
  schema: WorkspaceSchema,
  target: { table: string; field?: string },
  language: string,
  words: NodeWords,
): WorkspaceSchema {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) throw new Error(`"${language}" is not a language code: use one like sv or zh`);
  if (target.field) getField(schema, target.table, target.field);
  else getTable(schema, target.table);
  const next = cloneSchema(schema);
  const node = target.field ? next.$defs[target.table].properties[target.field] : next.$defs[target.table];
  const all: Translations = { ...(node["x-translations"] ?? {}) };
  const current: NonNullable<Translations[string]> = { ...(all[language] ?? {}) };
  for (const name of ["title", "x-plural", "description"] as const) {
    const value = words[name];
    if (value === undefined) continue;
    if (value === null || !value.trim()) delete current[name];
    else current[name] = value.trim();
  }
  if (words["x-labels"]) {
    const labels: Record<string, string> = { ...(current["x-labels"] ?? {}) };
    for (const [option, label] of Object.entries(words["x-labels"])) {
      if (label === null || !label.trim()) delete labels[option];
      else labels[option] = label.trim();
    }
    if (Object.keys(labels).length) current["x-labels"] = labels;
    else delete current["x-labels"];
  }
  if (Object.keys(current).length) all[language] = current;
  else delete all[language];
  if (Object.keys(all).length) node["x-translations"] = all;
  else delete node["x-translations"];
  const what = target.field ? `field "${target.table}.${target.field}"` : `table "${target.table}"`;
  return assertStillValid(schema, next, `translating ${what} into ${language}`);
}
