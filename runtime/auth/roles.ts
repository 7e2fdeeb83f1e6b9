/**
 * Roles and what they allow, as data. Pure: the records service asks `tableRights` and
 * `fieldAccess`, the screens ask the same functions to hide what a user may not use.
 */
export type TableAction = "read" | "create" | "update" | "delete" | "print";
export const TABLE_ACTIONS: readonly TableAction[] = ["read", "create", "update", "delete", "print"];

export type FieldAccess = "hidden" | "readonly";

export interface TableRights {
  read: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  print: boolean;
  /** "own": only records whose owner field (`x-owner-field` of the table) is the user. */
  scope: "all" | "own";
  /** Per field x-id: hidden (never read, filtered, sorted or searched) or read-only. */
  fields?: Record<string, FieldAccess>;
}

export interface RoleDefinition {
  key: string;
  name: string;
  builtin: boolean;
  /** Designers (schema, forms, prints), users and roles. */
  admin: boolean;
  /** Rights per table x-id; `*` applies to tables not listed. */
  tables: Record<string, TableRights>;
}

const all = (scope: "all" | "own" = "all"): TableRights => ({ read: true, create: true, update: true, delete: true, print: true, scope });
const readOnly: TableRights = { read: true, create: false, update: false, delete: false, print: true, scope: "all" };
const none: TableRights = { read: false, create: false, update: false, delete: false, print: false, scope: "all" };

/**
 * The roles every installation has. What they may do with particular tables belongs to the
 * configuration (`Seed.configuration.roleRights`), stored with the role when a database is
 * seeded; here only the rights for tables no one named.
 */
export const BUILTIN_ROLES: RoleDefinition[] = [
  { key: "admin", name: "Administrator", builtin: true, admin: true, tables: { "*": all() } },
  { key: "staff", name: "Staff", builtin: true, admin: false, tables: { "*": all() } },
  { key: "accountant", name: "Accountant", builtin: true, admin: false, tables: { "*": readOnly } },
];

/**
 * The role with rights for the tables it does not name yet; the tables it names keep theirs, so
 * what an admin changed is never overwritten.
 */
export function withTableRights(role: RoleDefinition, rights: Record<string, TableRights>): RoleDefinition {
  const added = Object.entries(rights).filter(([tableId]) => !(tableId in role.tables));
  return added.length ? { ...role, tables: { ...role.tables, ...Object.fromEntries(added) } } : role;
}

export function tableRights(role: RoleDefinition, tableId: string): TableRights {
  return role.tables[tableId] ?? role.tables["*"] ?? none;
}

export function fieldAccess(role: RoleDefinition, tableId: string, fieldId: string): FieldAccess | "write" {
  return tableRights(role, tableId).fields?.[fieldId] ?? "write";
}

export const ROLE_KEY = /^[a-z][a-z0-9_]{0,31}$/;

/** JSON Schema of a role as admins submit it. */
export const roleJsonSchema = {
  type: "object",
  required: ["key", "name", "tables"],
  additionalProperties: false,
  properties: {
    key: { type: "string", pattern: ROLE_KEY.source },
    name: { type: "string", minLength: 1, maxLength: 100 },
    admin: { type: "boolean" },
    tables: {
      type: "object",
      maxProperties: 400,
      additionalProperties: {
        type: "object",
        required: ["read", "create", "update", "delete", "print", "scope"],
        additionalProperties: false,
        properties: {
          read: { type: "boolean" },
          create: { type: "boolean" },
          update: { type: "boolean" },
          delete: { type: "boolean" },
          print: { type: "boolean" },
          scope: { enum: ["all", "own"] },
          fields: { type: "object", maxProperties: 400, additionalProperties: { enum: ["hidden", "readonly"] } },
        },
      },
    },
  },
} as const;
