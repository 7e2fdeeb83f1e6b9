import { compileSchema, fieldColumn, type CompiledField, type CompiledSchema } from "../../schema/compile";
import type { FieldSchema, TableSchema } from "../../schema/types";
import type { FieldWidgetProps } from "../ui-types";

/** A compiled field for widget tests, without building a whole workspace. */
export function compiledField(key: string, def: FieldSchema, options: { required?: boolean; tableKey?: string } = {}): CompiledField {
  return {
    key,
    id: def["x-id"],
    kind: def["x-kind"],
    def,
    tableKey: options.tableKey ?? "things",
    label: def.title ?? key,
    required: options.required ?? false,
    column: fieldColumn(def),
  };
}

export function widgetProps(field: CompiledField, overrides: Partial<FieldWidgetProps> = {}): FieldWidgetProps {
  return {
    field,
    name: field.key,
    id: `f-${field.key}`,
    value: null,
    onChange: () => undefined,
    record: {},
    format: { locale: "en-US", timeZone: "UTC" },
    ...overrides,
  };
}

/** Clients (title: name, required: name and country) and invoices linking to clients and users. */
export function crmSchema(): CompiledSchema {
  const clients: TableSchema = {
    type: "object",
    "x-id": "t_clients",
    title: "Client",
    "x-title-field": "name",
    properties: {
      name: { type: "string", "x-id": "f_cl_name", "x-kind": "text", title: "Name" },
      country: { type: "string", "x-id": "f_cl_country", "x-kind": "text", title: "Country" },
      notes: { type: "string", "x-id": "f_cl_notes", "x-kind": "longtext", title: "Notes" },
    },
    required: ["name", "country"],
  };
  const invoices: TableSchema = {
    type: "object",
    "x-id": "t_invoices",
    title: "Invoice",
    properties: {
      client: { type: "integer", "x-id": "f_inv_client", "x-kind": "relation", "x-target": "clients", title: "Client" },
      owner: { type: "integer", "x-id": "f_inv_owner", "x-kind": "relation", "x-target": "crm_users", title: "Owner" },
      status: {
        type: "string",
        "x-id": "f_inv_status",
        "x-kind": "select",
        title: "Status",
        enum: ["draft", "issued"],
        "x-labels": { draft: "Draft", issued: "Issued" },
      },
      number: {
        type: "string",
        "x-id": "f_inv_no",
        "x-kind": "autonumber",
        "x-pattern": "INV-{YYYY}-{0000}",
        "x-assign-when": { field: "status", op: "eq", value: "issued" },
      },
    },
  };
  return compileSchema({ $schema: "https://json-schema.org/draft/2020-12/schema", $defs: { clients, invoices } }, 1);
}
