import { TABLE_ACTIONS, type FieldAccess, type RoleDefinition, type TableRights } from "@runtime/auth/roles";

/** What the roles matrix needs to know of a table. */
export interface MatrixTable {
  id: string;
  label: string;
  fields: { id: string; label: string }[];
}

/** Form names of the matrix: `t.<tableId>.<action>`, `t.<tableId>.scope`, `f.<tableId>.<fieldId>`. */
export const rightName = (tableId: string, what: string) => `t.${tableId}.${what}`;
export const fieldName = (tableId: string, fieldId: string) => `f.${tableId}.${fieldId}`;

/**
 * The role a submitted matrix describes. Every listed table gets explicit rights, and `*` (tables
 * added later) keeps what the form says for it. A checkbox that is absent is "no".
 */
export function roleFromForm(
  form: { get(name: string): unknown },
  base: { key: string; name: string; admin: boolean },
  tables: MatrixTable[],
): Omit<RoleDefinition, "builtin"> {
  const rightsOf = (tableId: string, fieldIds: string[]): TableRights => {
    const rights = { scope: form.get(rightName(tableId, "scope")) === "own" ? "own" : "all" } as TableRights;
    for (const action of TABLE_ACTIONS) rights[action] = form.get(rightName(tableId, action)) === "on";
    const fields: Record<string, FieldAccess> = {};
    for (const fieldId of fieldIds) {
      const access = form.get(fieldName(tableId, fieldId));
      if (access === "hidden" || access === "readonly") fields[fieldId] = access;
    }
    if (Object.keys(fields).length) rights.fields = fields;
    return rights;
  };
  const out: Record<string, TableRights> = { "*": rightsOf("*", []) };
  for (const t of tables)
    out[t.id] = rightsOf(
      t.id,
      t.fields.map((f) => f.id),
    );
  return { key: base.key, name: base.name, admin: base.admin, tables: out };
}
