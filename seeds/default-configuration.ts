/**
 * The example "customers and contracts" configuration Tessera starts with, as the engine takes it
 * (`createRuntime({ seed: DEFAULT_CONFIGURATION })`): the app server and the CLI hand it over, and
 * so do the tests that need the example.
 */
import type { TableRights } from "@runtime/auth/roles";
import type { WorkspaceSchema } from "@runtime/schema/types";
import type { Seed } from "@runtime/seed/seed";
import { DEFAULT_HOME_PANELS } from "./home-panels";
import { DEFAULT_PRINT_TEMPLATES } from "./print-templates";
import { DEFAULT_DASHBOARDS, DEFAULT_REPORTS } from "./reports";
import { DEFAULT_MAIL_TEMPLATES } from "./mail-templates";
import { DEFAULT_RULES } from "./rules";
import schema from "./schema.json";

const writeAll: TableRights = { read: true, create: true, update: true, delete: true, print: true, scope: "all" };
const readAndPrint: TableRights = { read: true, create: false, update: false, delete: false, print: true, scope: "all" };

export const DEFAULT_CONFIGURATION: Seed = {
  configuration: {
    schema: schema as unknown as WorkspaceSchema,
    // Every card starts as the default layout the engine derives from the schema.
    layouts: [],
    views: [
      {
        // What an accountant looks at first: where each invoice stands and what is still owed
        // (the list marks an issued invoice past its due date with a balance as overdue).
        tableId: "t_invoices",
        table: "invoices",
        name: "Invoices",
        translations: { sv: { name: "Fakturor" }, zh: { name: "发票" }, hy: { name: "Հաշիվ-ապրանքագրեր" } },
        default: true,
        state: {
          columns: [
            "f_invoices_number",
            "f_invoices_client",
            "f_invoices_date",
            "f_invoices_due_date",
            "f_invoices_status",
            "f_invoices_total",
            "f_invoices_balance",
          ],
          sort: "-f_invoices_date",
        },
      },
    ],
    templates: DEFAULT_PRINT_TEMPLATES,
    roleRights: {
      // The firm's own requisites are the admin's to change; staff read them on printed forms.
      // Buying is the accountants' and admins' job: staff see suppliers and orders (the reorder rule
      // writes them as the system) but do not change them.
      staff: {
        t_company: readAndPrint,
        t_suppliers: readAndPrint,
        t_purchase_orders: readAndPrint,
        t_purchase_order_items: readAndPrint,
      },
      // Accountants read everything; they issue invoices (never delete one), record payments and
      // work their tasks.
      accountant: {
        t_invoices: { ...writeAll, delete: false },
        t_invoice_items: writeAll,
        t_payments: writeAll,
        // Collections tasks are assigned to them too: they close their own (and may add one).
        t_tasks: { ...writeAll, delete: false },
        // What a client said about paying goes on its timeline as a note.
        t_notes: { ...writeAll, delete: false },
        // They keep the supplier list and send, receive or cancel the drafts the reorder rule
        // fills; orders are never deleted, only cancelled. Leads and cases they only read.
        t_suppliers: { ...writeAll, delete: false },
        t_purchase_orders: { ...writeAll, delete: false },
        t_purchase_order_items: writeAll,
      },
    },
    // Reminders, collections, stock and reorders, lead and case routing, renewals, approvals.
    rules: DEFAULT_RULES,
    reports: DEFAULT_REPORTS,
    dashboards: DEFAULT_DASHBOARDS,
    mailTemplates: DEFAULT_MAIL_TEMPLATES,
    // What each role sees first on `/`: their tasks and deals, the books, failed automation.
    home: DEFAULT_HOME_PANELS,
  },
  // Loaded only here: the demo data is needed once, on the first start of an empty database.
  async demoData() {
    const { demoRecords, demoUsers } = await import("./demo-records");
    const { DEMO_BASE_CURRENCY, DEMO_RATES } = await import("./demo/exchange-rates");
    return { users: demoUsers(), records: demoRecords(), exchangeRates: { base: DEMO_BASE_CURRENCY, rates: DEMO_RATES } };
  },
};
