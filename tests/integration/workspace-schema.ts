import type { WorkspaceSchema } from "@runtime/schema/types";

/** A small workspace for migration and records tests: clients, invoices with lines, payments. */
export function smallWorkspace(): WorkspaceSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      clients: {
        type: "object",
        "x-id": "t_clients",
        title: "Client",
        "x-plural": "Clients",
        "x-title-field": "name",
        properties: {
          name: { type: "string", "x-id": "f_cl_name", "x-kind": "text", title: "Name", maxLength: 200, "x-searchable": true },
          email: { type: "string", "x-id": "f_cl_email", "x-kind": "email", title: "Email" },
          code: { type: "string", "x-id": "f_cl_code", "x-kind": "text", title: "Code", maxLength: 20 },
          status: {
            type: "string",
            "x-id": "f_cl_status",
            "x-kind": "select",
            title: "Status",
            enum: ["lead", "active"],
            "x-indexed": true,
          },
        },
        required: ["name"],
      },
      invoices: {
        type: "object",
        "x-id": "t_invoices",
        title: "Invoice",
        "x-plural": "Invoices",
        "x-title-field": "number",
        properties: {
          number: {
            type: "string",
            "x-id": "f_inv_no",
            "x-kind": "autonumber",
            "x-pattern": "INV-{YYYY}-{0000}",
            "x-date-field": "date",
            "x-assign-when": { field: "status", op: "in", value: ["issued"] },
          },
          client: { type: "integer", "x-id": "f_inv_client", "x-kind": "relation", "x-target": "clients", "x-inverse": "invoices" },
          date: { type: "string", "x-id": "f_inv_date", "x-kind": "date", format: "date" },
          status: { type: "string", "x-id": "f_inv_status", "x-kind": "select", enum: ["draft", "issued"], default: "draft" },
          total: {
            type: "number",
            "x-id": "f_inv_total",
            "x-kind": "formula",
            "x-formula": "sum(items.amount)",
            "x-result": "money",
            "x-scale": 2,
          },
          paid: {
            type: "number",
            "x-id": "f_inv_paid",
            "x-kind": "formula",
            "x-formula": "sum(payments.amount)",
            "x-result": "money",
            "x-scale": 2,
          },
          balance: {
            type: "number",
            "x-id": "f_inv_balance",
            "x-kind": "formula",
            "x-formula": "total - paid",
            "x-result": "money",
            "x-scale": 2,
          },
        },
        required: ["client"],
      },
      invoice_items: {
        type: "object",
        "x-id": "t_invoice_items",
        title: "Invoice line",
        properties: {
          invoice: {
            type: "integer",
            "x-id": "f_ii_invoice",
            "x-kind": "relation",
            "x-target": "invoices",
            "x-inverse": "items",
            "x-composition": true,
          },
          description: { type: "string", "x-id": "f_ii_desc", "x-kind": "text" },
          quantity: { type: "number", "x-id": "f_ii_qty", "x-kind": "decimal", "x-scale": 3 },
          price: { type: "number", "x-id": "f_ii_price", "x-kind": "money" },
          amount: {
            type: "number",
            "x-id": "f_ii_amount",
            "x-kind": "formula",
            "x-formula": "round(quantity * price, 2)",
            "x-result": "money",
            "x-scale": 2,
          },
        },
        required: ["invoice"],
      },
      payments: {
        type: "object",
        "x-id": "t_payments",
        title: "Payment",
        properties: {
          invoice: { type: "integer", "x-id": "f_pay_invoice", "x-kind": "relation", "x-target": "invoices", "x-inverse": "payments" },
          amount: { type: "number", "x-id": "f_pay_amount", "x-kind": "money" },
        },
        required: ["invoice", "amount"],
      },
    },
  };
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}
