import type { CompiledSchema } from "../schema/compile";
import { isPhrase, isSchemaName, schemaName, type Phrase, type SchemaName } from "./words";

/**
 * A phrase with the table and field names in it (`SchemaName` values) as `compiled` names them:
 * the workspace in the reader's language (`inLanguage`). A name the schema no longer has stays as
 * it was said.
 */
export function phraseInSchema(phrase: Phrase, compiled: CompiledSchema): Phrase {
  if (!phrase.values) return phrase;
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(phrase.values)) values[key] = valueInSchema(value, compiled);
  return { ...phrase, values };
}

function valueInSchema(value: unknown, compiled: CompiledSchema): unknown {
  if (isSchemaName(value)) return nameInSchema(value, compiled);
  if (isPhrase(value)) return phraseInSchema(value, compiled);
  if (Array.isArray(value)) return value.map((v) => valueInSchema(v, compiled));
  return value;
}

function nameInSchema(name: SchemaName, compiled: CompiledSchema): string {
  const table = compiled.tablesByKey.get(name.table);
  if (!table) return name.schemaName;
  if (name.field !== undefined) return table.fieldsByKey.get(name.field)?.label ?? name.schemaName;
  if (name.lockMessage) return table.def["x-lock"]?.message ?? name.schemaName;
  return name.plural ? table.pluralLabel : table.label;
}

interface NamedTable {
  key: string;
  label: string;
  pluralLabel: string;
}

/** A table's name as a phrase value: "Client". */
export const tableName = (table: NamedTable): SchemaName => schemaName(table.label, table.key);
/** A table's plural name as a phrase value: "Clients". */
export const tablesName = (table: NamedTable): SchemaName => schemaName(table.pluralLabel, table.key, { plural: true });
/** A field's name as a phrase value: "Tax ID". */
export const fieldName = (table: NamedTable, field: { key: string; label: string }): SchemaName =>
  schemaName(field.label, table.key, { field: field.key });
