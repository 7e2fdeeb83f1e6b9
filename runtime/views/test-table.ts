import { compileSchema, type CompiledTable } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";

/** A small invoices table for the views tests: every kind the list treats differently. */
export function invoicesTable(): CompiledTable {
  const schema: WorkspaceSchema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      clients: {
        type: "object",
        "x-id": "t_cli",
        "x-title-field": "name",
        properties: { name: { type: "string", "x-id": "f_cli_name", "x-kind": "text" } },
      },
      invoices: {
        type: "object",
        "x-id": "t_inv",
        title: "Invoice",
        "x-plural": "Invoices",
        "x-title-field": "number",
        properties: {
          notes: { type: "string", "x-id": "f_inv_notes", "x-kind": "longtext" },
          subject: { type: "string", "x-id": "f_inv_subject", "x-kind": "text" },
          number: { type: "string", "x-id": "f_inv_no", "x-kind": "autonumber", "x-pattern": "INV-{0000}" },
          client: { type: "integer", "x-id": "f_inv_client", "x-kind": "relation", "x-target": "clients" },
          date: { type: "string", "x-id": "f_inv_date", "x-kind": "date" },
          due_date: { type: "string", "x-id": "f_inv_due", "x-kind": "date" },
          status: { type: "string", "x-id": "f_inv_status", "x-kind": "select", enum: ["draft", "issued"] },
          total: { type: "string", "x-id": "f_inv_total", "x-kind": "money" },
          email: { type: "string", "x-id": "f_inv_email", "x-kind": "email" },
          paid: { type: "boolean", "x-id": "f_inv_paid", "x-kind": "boolean" },
          tags: { type: "array", "x-id": "f_inv_tags", "x-kind": "multiselect", items: { type: "string", enum: ["a", "b"] } },
        },
      },
    },
  };
  return compileSchema(schema, 1).tablesByKey.get("invoices")!;
}
