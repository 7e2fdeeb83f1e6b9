import { optionValues } from "../fields/options";
import { isRelation, relationTarget } from "../fields/structure";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import type { PrintTemplate } from "./template";

/**
 * Which language a document prints in: the language code in the field `languageFrom` names on
 * the printed record (`language`) or on a record it links to (`client.language`), else the
 * template's fixed `language`, else the fallback (English). A code no catalog has counts as none.
 */
export function documentLanguage(
  template: Pick<PrintTemplate, "languageFrom" | "language">,
  record: Record<string, unknown>,
  available: readonly string[],
  fallback: string,
): string {
  const known = (code: unknown) => (typeof code === "string" && available.includes(code) ? code : null);
  if (template.languageFrom) {
    const [first, second] = template.languageFrom.split(".");
    const holder = second ? record[first] : record;
    const value = holder && typeof holder === "object" ? (holder as Record<string, unknown>)[second ?? first] : undefined;
    const found = known(value);
    if (found) return found;
  }
  return known(template.language) ?? fallback;
}

/** Why `path` cannot name a language field of `table` (a field, or a relation's field), or null. */
export function languageFieldProblem(compiled: CompiledSchema, table: CompiledTable, path: string): string | null {
  const [first, second] = path.split(".");
  const field = table.fieldsByKey.get(first);
  if (!field) return `${table.label} has no field "${first}"`;
  if (!second) return null;
  if (!isRelation(field)) return `"${first}" is not a link to another table, so it has no field "${second}"`;
  const target = compiled.tablesByKey.get(relationTarget(field) ?? "");
  if (!target?.fieldsByKey.has(second)) return `the linked ${target?.label ?? "table"} has no field "${second}"`;
  return null;
}

/**
 * The fields a document's language can come from: select fields of the table, or of a table it
 * links to, whose options are all language codes a catalog has (`client.language`).
 */
export function languageFieldOptions(
  compiled: CompiledSchema,
  table: CompiledTable,
  available: readonly string[],
): { path: string; label: string }[] {
  const holdsLanguages = (f: CompiledTable["fields"][number]) => {
    const values = optionValues(f.def);
    return values.length > 0 && values.every((v) => available.includes(v));
  };
  const out: { path: string; label: string }[] = [];
  for (const f of table.fields) {
    if (holdsLanguages(f)) out.push({ path: f.key, label: f.label });
    if (!isRelation(f)) continue;
    const target = compiled.tablesByKey.get(relationTarget(f) ?? "");
    for (const g of target?.fields ?? []) if (holdsLanguages(g)) out.push({ path: `${f.key}.${g.key}`, label: `${f.label} → ${g.label}` });
  }
  return out;
}
