import { walkFormula } from "./ast";
import { parseFormula } from "./parse";

export interface FormulaRenames {
  /** Fields of the formula's own record: old key → new key. */
  fields?: Record<string, string>;
  /** Related lists: old name → new name. */
  lists?: Record<string, string>;
  /** Fields of a related list's rows: list name (old, or new if the list is renamed too) → old key → new key. */
  listFields?: Record<string, Record<string, string>>;
}

const own = (record: Record<string, string> | undefined, key: string): string | undefined =>
  record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/**
 * Rewrites references after renames, keeping everything else byte-for-byte. Works on the parsed
 * references, so string literals and names that merely share a prefix stay as they are. A
 * formula that does not parse is returned unchanged (checkFormula reports it).
 */
export function renameInFormula(source: string, renames: FormulaRenames): string {
  const parsed = parseFormula(source);
  if (!parsed.ok) return source;
  const edits: { position: number; length: number; text: string }[] = [];
  const edit = (position: number, name: string, renamed: string | undefined) => {
    if (renamed !== undefined && renamed !== name) edits.push({ position, length: name.length, text: renamed });
  };

  walkFormula(parsed.ast, (node) => {
    if (node.type === "field") edit(node.position, node.name, own(renames.fields, node.name));
    if (node.type !== "aggregate") return;
    const newList = own(renames.lists, node.list.name);
    edit(node.list.position, node.list.name, newList);
    if (node.field === null || renames.listFields === undefined) return;
    const fieldRenames =
      (Object.prototype.hasOwnProperty.call(renames.listFields, node.list.name) ? renames.listFields[node.list.name] : undefined) ??
      (newList !== undefined && Object.prototype.hasOwnProperty.call(renames.listFields, newList)
        ? renames.listFields[newList]
        : undefined);
    edit(node.field.position, node.field.name, own(fieldRenames, node.field.name));
  });

  let result = source;
  for (const e of edits.sort((a, b) => b.position - a.position)) {
    result = result.slice(0, e.position) + e.text + result.slice(e.position + e.length);
  }
  return result;
}
