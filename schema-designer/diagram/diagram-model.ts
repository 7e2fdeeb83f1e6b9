import { humanize } from "@runtime/schema/compile";
import { USERS_TABLE, type FieldKind, type WorkspaceSchema } from "@runtime/schema/types";
import { relationTarget } from "@runtime/fields/structure";

export interface DiagramField {
  key: string;
  label: string;
  /** None for the built-in users table's columns, which are Tessera's own, not a designable kind. */
  kind: FieldKind | null;
  required: boolean;
}

export interface DiagramTable {
  key: string;
  label: string;
  fields: DiagramField[];
  /** Tessera's own users table: drawn so relations to it land somewhere, but not designable. */
  builtIn: boolean;
}

export interface DiagramRelation {
  /** Table holding the relation field. */
  from: string;
  field: string;
  fieldLabel: string;
  to: string;
  /** A child that lives inside its parent (invoice lines in an invoice). */
  composition: boolean;
}

export interface DiagramModel {
  tables: DiagramTable[];
  relations: DiagramRelation[];
}

const USERS_BOX: DiagramTable = {
  key: USERS_TABLE,
  label: "Users (built-in)",
  builtIn: true,
  fields: [
    { key: "name", label: "Name", kind: null, required: true },
    { key: "email", label: "Email", kind: null, required: true },
    { key: "role", label: "Role", kind: null, required: true },
  ],
};

/** Tables with their fields, and one relation per relation field, in schema order. */
export function diagramModel(schema: WorkspaceSchema): DiagramModel {
  const tables: DiagramTable[] = [];
  const relations: DiagramRelation[] = [];
  for (const [key, table] of Object.entries(schema.$defs)) {
    const required = new Set(table.required ?? []);
    tables.push({
      key,
      label: table["x-plural"] ?? table.title ?? humanize(key),
      builtIn: false,
      fields: Object.entries(table.properties).map(([fieldKey, f]) => ({
        key: fieldKey,
        label: f.title ?? humanize(fieldKey),
        kind: f["x-kind"],
        required: required.has(fieldKey),
      })),
    });
    for (const [fieldKey, f] of Object.entries(table.properties)) {
      const target = relationTarget(f);
      if (!target) continue;
      relations.push({
        from: key,
        field: fieldKey,
        fieldLabel: f.title ?? humanize(fieldKey),
        to: target,
        composition: f["x-composition"] === true,
      });
    }
  }
  if (relations.some((r) => r.to === USERS_TABLE) && !(USERS_TABLE in schema.$defs)) tables.push(USERS_BOX);
  const known = new Set(tables.map((t) => t.key));
  // A relation to a table that is not there cannot pass the schema gate; skip rather than draw into nothing.
  return { tables, relations: relations.filter((r) => known.has(r.to)) };
}
