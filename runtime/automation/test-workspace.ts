import type { FieldSchema, TableSchema, WorkspaceSchema } from "../schema/types";

/**
 * A small CRM for the automation tests: clients with a manager, invoices with lines and payments,
 * products with stock and a supplier, purchase orders, tasks about any record, leads, cases, and a
 * `counters` table whose rule triggers itself (the loop guard).
 */

const text = (id: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({ type: "string", "x-id": id, "x-kind": "text", ...extra });
const select = (id: string, values: string[], extra: Partial<FieldSchema> = {}): FieldSchema => ({
  type: "string",
  "x-id": id,
  "x-kind": "select",
  enum: values,
  ...extra,
});
const user = (id: string): FieldSchema => ({ type: "integer", "x-id": id, "x-kind": "relation", "x-target": "crm_users" });
const link = (id: string, target: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({
  type: "integer",
  "x-id": id,
  "x-kind": "relation",
  "x-target": target,
  ...extra,
});
const int = (id: string): FieldSchema => ({ type: "integer", "x-id": id, "x-kind": "integer" });
const money = (id: string): FieldSchema => ({ type: "number", "x-id": id, "x-kind": "money" });
const formula = (id: string, expression: string): FieldSchema => ({
  type: "number",
  "x-id": id,
  "x-kind": "formula",
  "x-formula": expression,
  "x-result": "money",
  "x-scale": 2,
});
const date = (id: string): FieldSchema => ({ type: "string", "x-id": id, "x-kind": "date", format: "date" });
const datetime = (id: string): FieldSchema => ({ type: "string", "x-id": id, "x-kind": "datetime", format: "date-time" });

const table = (
  id: string,
  title: string,
  plural: string,
  titleField: string | null,
  properties: Record<string, FieldSchema>,
  required: string[] = [],
): TableSchema => ({
  type: "object",
  "x-id": id,
  title,
  "x-plural": plural,
  ...(titleField ? { "x-title-field": titleField } : {}),
  properties,
  ...(required.length ? { required } : {}),
});

export function automationWorkspace(): WorkspaceSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      clients: table(
        "t_clients",
        "Client",
        "Clients",
        "name",
        {
          name: text("f_cl_name"),
          status: select("f_cl_status", ["lead", "active"], { default: "lead" }),
          manager: user("f_cl_manager"),
        },
        ["name"],
      ),
      invoices: table(
        "t_invoices",
        "Invoice",
        "Invoices",
        "number",
        {
          number: { type: "string", "x-id": "f_inv_no", "x-kind": "autonumber", "x-pattern": "INV-{0000}" },
          client: link("f_inv_client", "clients", { "x-inverse": "invoices" }),
          due_date: date("f_inv_due"),
          status: select("f_inv_status", ["draft", "issued", "cancelled"], { default: "draft" }),
          total: formula("f_inv_total", "sum(items.amount)"),
          paid: formula("f_inv_paid", "sum(payments.amount)"),
          balance: formula("f_inv_balance", "total - paid"),
        },
        ["client"],
      ),
      invoice_items: table(
        "t_invoice_items",
        "Invoice line",
        "Invoice lines",
        "description",
        {
          invoice: link("f_ii_invoice", "invoices", { "x-inverse": "items", "x-composition": true }),
          product: link("f_ii_product", "products"),
          description: text("f_ii_desc"),
          quantity: { type: "number", "x-id": "f_ii_qty", "x-kind": "decimal", "x-scale": 3 },
          price: money("f_ii_price"),
          amount: { ...formula("f_ii_amount", "round(quantity * price, 2)") },
        },
        ["invoice"],
      ),
      payments: table(
        "t_payments",
        "Payment",
        "Payments",
        null,
        {
          invoice: link("f_pay_invoice", "invoices", { "x-inverse": "payments" }),
          amount: money("f_pay_amount"),
        },
        ["invoice", "amount"],
      ),
      suppliers: table("t_suppliers", "Supplier", "Suppliers", "name", { name: text("f_sup_name") }, ["name"]),
      products: table(
        "t_products",
        "Product",
        "Products",
        "name",
        {
          name: text("f_prod_name"),
          stock: int("f_prod_stock"),
          reorder_level: int("f_prod_reorder"),
          supplier: link("f_prod_supplier", "suppliers"),
        },
        ["name"],
      ),
      purchase_orders: table("t_pos", "Purchase order", "Purchase orders", null, {
        supplier: link("f_po_supplier", "suppliers"),
        status: select("f_po_status", ["draft", "sent"], { default: "draft" }),
      }),
      purchase_order_items: table(
        "t_po_items",
        "Order line",
        "Order lines",
        null,
        {
          purchase_order: link("f_poi_order", "purchase_orders", { "x-inverse": "lines", "x-composition": true }),
          product: link("f_poi_product", "products"),
          quantity: int("f_poi_qty"),
        },
        ["purchase_order"],
      ),
      tasks: table(
        "t_tasks",
        "Task",
        "Tasks",
        "subject",
        {
          subject: text("f_task_subject"),
          due: datetime("f_task_due"),
          assignee: user("f_task_assignee"),
          status: select("f_task_status", ["open", "done", "cancelled"], { default: "open" }),
          done_at: datetime("f_task_done_at"),
          about_table: text("f_task_about_table"),
          about_id: int("f_task_about_id"),
        },
        ["subject"],
      ),
      leads: table(
        "t_leads",
        "Lead",
        "Leads",
        "name",
        {
          name: text("f_lead_name"),
          region: select("f_lead_region", ["north", "south"]),
          size: select("f_lead_size", ["small", "large"]),
          owner: user("f_lead_owner"),
          status: select("f_lead_status", ["new", "won", "lost"], { default: "new" }),
        },
        ["name"],
      ),
      cases: table(
        "t_cases",
        "Case",
        "Cases",
        "subject",
        {
          subject: text("f_case_subject"),
          client: link("f_case_client", "clients"),
          priority: select("f_case_priority", ["low", "high"]),
          status: select("f_case_status", ["open", "closed"], { default: "open" }),
          owner: user("f_case_owner"),
          due_at: datetime("f_case_due"),
        },
        ["subject"],
      ),
      counters: table("t_counters", "Counter", "Counters", "name", { name: text("f_ctr_name"), count: int("f_ctr_count") }),
    },
  };
}
