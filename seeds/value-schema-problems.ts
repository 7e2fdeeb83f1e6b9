/**
 * Checks seed values with each field kind's own value schema (ajv, as the server validates), so
 * seeds fail here, not at load time, when an email, phone, date or bound is off.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { fieldKinds } from "@runtime/fields/registry";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { compositionLists } from "./seed-problems";
import { isRecordRef, type SeedRecord } from "./seed-record";

export function valueSchemaProblems(schema: WorkspaceSchema, records: readonly SeedRecord[]): string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  const problems: string[] = [];
  const check = (tableKey: string, values: Record<string, unknown>, where: string) => {
    const table = schema.$defs[tableKey];
    if (!table) return;
    const lists = compositionLists(schema, tableKey);
    for (const [key, value] of Object.entries(values)) {
      const list = lists.get(key);
      if (list && Array.isArray(value)) {
        value.forEach((child, i) => check(list.table, child as Record<string, unknown>, `${where}.${key}[${i}]`));
        continue;
      }
      const field = table.properties[key];
      if (!field || value === null || isRecordRef(value)) continue;
      const id = `${tableKey}.${key}`;
      let validate = validators.get(id);
      if (!validate) {
        validate = ajv.compile(fieldKinds[field["x-kind"]].valueSchema(field));
        validators.set(id, validate);
      }
      if (!validate(value)) problems.push(`${where}.${key} = ${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`);
    }
  };
  for (const r of records) check(r.table, r.values, `${r.table}/${r.ref}`);
  return problems;
}
