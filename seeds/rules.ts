/**
 * The rules the default configuration ships with, as data (docs/decisions/014-rules-as-data.md):
 * created once, when an empty database is seeded; from then on they are the admin's to change.
 */
import type { Action, AssignAction, Filter, RuleDefinition, TimeUnit } from "@runtime/automation/types";

/** Named so the payment rule can close the tasks this one made. */
export const COLLECT_OVERDUE_INVOICE = "Collect overdue invoice";

/** Lead routing names people by email: a configuration cannot know user ids (see the assign action). */
export const LEAD_ROUTES = {
  /** Public-sector tenders go to the managing director. */
  publicSector: "anna@tessera-demo.ie",
  /** Medium and large firms in the north and west are Ben's patch. */
  northWestAccounts: "ben@tessera-demo.ie",
} as const;

/** Over this total, or with a line discount over `APPROVAL_DISCOUNT` %, an invoice needs an admin's approval to be issued. */
export const APPROVAL_TOTAL = 10_000;
export const APPROVAL_DISCOUNT = 20;

/** Named so tests and the card find the button. */
export const CONVERT_LEAD = "Convert lead";
export const DEAL_CLOSED = "Deal won or lost: it closes today";

/** A lead or case someone is still working on. */
const OPEN_LEAD: Filter = { field: "status", op: "in", value: ["new", "contacted", "qualified"] };
const OPEN_CASE: Filter = { field: "status", op: "in", value: ["open", "waiting"] };

/**
 * A new record someone did not give an owner goes to the first route that fits, else to the staff
 * member with the fewest open records of its table (ties in turn).
 */
const assignOwner = (table: string, open: Filter, routes?: AssignAction["routes"]): AssignAction => ({
  type: "assign",
  field: "owner",
  when: "{% if record.owner == nil %}unowned{% endif %}",
  ...(routes ? { routes } : {}),
  pool: { role: "staff" },
  workload: { table, field: "owner", open },
});

/** Each stocked product on the invoice's lines loses (`minus`) or regains (`plus`) the quantity sold; services and unstocked products keep no stock. */
const moveStock = (filter: "minus" | "plus"): Action[] => [
  {
    type: "update",
    forEach: "items",
    target: "line.product",
    when: "{% if target.stock != nil %}stocked{% endif %}",
    values: { stock: `{{ target.stock | ${filter}: line.quantity }}` },
  },
];
const LOWER_STOCK = moveStock("minus");

/** The drop below the reorder level, once per crossing (not again while it stays below). */
const FELL_BELOW_REORDER_LEVEL =
  "{% if record.supplier and record.stock < record.reorder_level and previous.stock >= record.reorder_level %}yes{% endif %}";

/** Hours a case may stay open, by priority. */
const CASE_DUE =
  "{% case record.priority %}{% when 'urgent' %}{{ now | add_hours: 4 }}{% when 'high' %}{{ now | add_days: 1 }}" +
  "{% when 'low' %}{{ now | add_days: 7 }}{% else %}{{ now | add_days: 3 }}{% endcase %}";

/** An invoice sent to the client (not a draft, not cancelled) … */
const ISSUED: Filter = { field: "status", op: "eq", value: "issued" };
/** … that is not paid in full. */
const UNPAID: Filter = { field: "balance", op: "gt", value: 0 };

/** A rule on `table` that acts when its `field` plus the offset is reached. */
const onDate = (table: string, field: string, amount: number, unit: TimeUnit): Pick<RuleDefinition, "table" | "enabled" | "trigger"> => ({
  table,
  enabled: true,
  trigger: { type: "date", field, offset: { amount, unit } },
});

export const DEFAULT_RULES: RuleDefinition[] = [
  {
    name: "Task due: notify the assignee",
    description: "When an open task falls due, its assignee is told, with a link to the task.",
    ...onDate("tasks", "due", 0, "minutes"),
    condition: { field: "status", op: "eq", value: "open" },
    actions: [{ type: "notify", to: "assignee", title: "Task due: {{ record.subject }}", href: "/t/tasks/{{ record.id }}" }],
  },
  {
    name: "Event reminder",
    description: "At an open event's reminder time, its assignee is reminded of it.",
    ...onDate("events", "remind_at", 0, "minutes"),
    condition: { field: "done", op: "eq", value: false },
    actions: [
      {
        type: "notify",
        to: "assignee",
        title: "Reminder: {{ record.subject }}{% if record.client %} ({{ record.client.name }}){% endif %}",
      },
    ],
  },
  {
    name: COLLECT_OVERDUE_INVOICE,
    description: "The day after an issued invoice falls due unpaid, the client's account manager gets a task to collect it.",
    ...onDate("invoices", "due_date", 1, "days"),
    condition: { and: [ISSUED, UNPAID] },
    actions: [
      {
        type: "create",
        table: "tasks",
        values: {
          subject: "Collect {{ record.balance | money }} on {{ record.number }} from {{ record.client.name }}",
          assignee: "{{ record.client.manager }}",
          due: "{{ now | add_days: 2 }}",
          priority: "high",
          about_table: "invoices",
          about_id: "{{ record.id }}",
        },
      },
    ],
  },
  {
    name: "Invoice paid: close its collection task",
    description: "A payment that settles the invoice closes the collection task made for it.",
    table: "payments",
    enabled: true,
    trigger: { type: "created" },
    actions: [
      {
        type: "closeTasks",
        rule: COLLECT_OVERDUE_INVOICE,
        of: "invoice",
        when: "{% if record.invoice.balance <= 0 %}paid{% endif %}",
        values: { done_at: "{{ now }}" },
      },
    ],
  },
  {
    name: "Invoice issued: lower stock",
    description: "Issuing an invoice takes the quantities of its stocked products out of stock.",
    table: "invoices",
    enabled: true,
    trigger: { type: "updated", fields: ["status"] },
    condition: ISSUED,
    previous: { field: "status", op: "neq", value: "issued" },
    actions: LOWER_STOCK,
  },
  {
    name: "Invoice cancelled: restore stock",
    description:
      "Cancelling an issued invoice puts the quantities of its stocked products back, so issuing it again does not count them twice.",
    table: "invoices",
    enabled: true,
    trigger: { type: "updated", fields: ["status"] },
    condition: { field: "status", op: "eq", value: "cancelled" },
    previous: ISSUED,
    actions: moveStock("plus"),
  },
  {
    name: "Invoice created issued: lower stock",
    description: "An invoice entered as issued at once takes the quantities of its stocked products out of stock too.",
    table: "invoices",
    enabled: true,
    trigger: { type: "created" },
    condition: ISSUED,
    actions: LOWER_STOCK,
  },
  {
    name: "Product below reorder level: order from its supplier",
    description:
      "A product whose stock falls below its reorder level gets a line on its supplier's draft purchase order (one draft per supplier, started when there is none), enough to reach twice the reorder level.",
    table: "products",
    enabled: true,
    trigger: { type: "updated", fields: ["stock"] },
    actions: [
      {
        type: "create",
        table: "purchase_orders",
        as: "order",
        when: FELL_BELOW_REORDER_LEVEL,
        values: { supplier: "{{ record.supplier }}", date: "{{ today }}", status: "draft" },
        reuse: { match: { supplier: "{{ record.supplier }}", status: "draft" } },
      },
      {
        type: "create",
        table: "purchase_order_items",
        when: FELL_BELOW_REORDER_LEVEL,
        values: {
          purchase_order: "{{ created.order }}",
          product: "{{ record.id }}",
          description: "{{ record.name }}",
          quantity: "{{ record.reorder_level | times: 2 | minus: record.stock }}",
          price: "{{ record.cost }}",
        },
        // A product already on the draft (it fell below, came back, fell again) keeps its one line.
        reuse: { match: { purchase_order: "{{ created.order }}", product: "{{ record.id }}" } },
      },
    ],
  },
  {
    name: "Route new lead",
    description:
      "A new lead without an owner goes to the salesperson its region, size and industry route it to, else to the sales user with the fewest open leads (ties in turn); the owner is told.",
    table: "leads",
    enabled: true,
    trigger: { type: "created" },
    actions: [
      assignOwner("leads", OPEN_LEAD, [
        { when: { field: "industry", op: "eq", value: "public" }, user: LEAD_ROUTES.publicSector },
        {
          when: {
            and: [
              { field: "region", op: "in", value: ["north", "west"] },
              { field: "company_size", op: "in", value: ["medium", "large"] },
            ],
          },
          user: LEAD_ROUTES.northWestAccounts,
        },
      ]),
      {
        type: "notify",
        to: "owner",
        title: "New lead: {{ record.name }}{% if record.company %} ({{ record.company }}){% endif %}, score {{ record.score }}",
      },
    ],
  },
  {
    name: "Contract renewal: task for its manager",
    description: "30 days before an active contract ends, its manager (else the client's account manager) gets a task to renew it.",
    ...onDate("contracts", "valid_to", -30, "days"),
    condition: { field: "status", op: "eq", value: "active" },
    actions: [
      {
        type: "create",
        table: "tasks",
        values: {
          subject: "Renew {{ record.number }} with {{ record.client.name }} (ends {{ record.valid_to }})",
          assignee: "{{ record.manager | default: record.client.manager }}",
          due: "{{ record.valid_to | add_days: -14 }}T09:00:00.000Z",
          priority: "high",
          about_table: "contracts",
          about_id: "{{ record.id }}",
        },
      },
    ],
  },
  {
    name: "Contract ended: mark it expired",
    description: "The day after an active contract's last valid day, its status becomes expired.",
    ...onDate("contracts", "valid_to", 1, "days"),
    condition: { field: "status", op: "eq", value: "active" },
    actions: [{ type: "update", values: { status: "expired" } }],
  },
  {
    name: "Route new case",
    description:
      "A new case without an owner goes to the staff member with the fewest open cases (ties in turn); its due time follows from its priority; the owner is told.",
    table: "cases",
    enabled: true,
    trigger: { type: "created" },
    actions: [
      assignOwner("cases", OPEN_CASE),
      { type: "update", when: "{% if record.due_at == nil %}unset{% endif %}", values: { due_at: CASE_DUE } },
      { type: "notify", to: "owner", title: "New case {{ record.number }}: {{ record.subject }} ({{ record.priority }})" },
    ],
  },
  {
    name: "Escalate overdue case",
    description: "A case still open at its due time is marked escalated and its owner's supervisor is told.",
    ...onDate("cases", "due_at", 0, "minutes"),
    condition: OPEN_CASE,
    actions: [
      { type: "update", values: { escalated: "true" } },
      {
        type: "notify",
        to: "owner.supervisor",
        title: "Overdue case {{ record.number }}: {{ record.subject }} ({{ record.owner.name }}, {{ record.priority }})",
      },
    ],
  },
  {
    name: "Large invoice or discount: admin approval",
    description: `An invoice over ${APPROVAL_TOTAL} or with a line discount over ${APPROVAL_DISCOUNT} % is issued only once an admin has approved it.`,
    table: "invoices",
    enabled: true,
    trigger: { type: "updated", fields: ["status"] },
    condition: {
      and: [
        ISSUED,
        {
          or: [
            { field: "total", op: "gt", value: APPROVAL_TOTAL },
            { field: "max_discount", op: "gt", value: APPROVAL_DISCOUNT },
          ],
        },
      ],
    },
    previous: { field: "status", op: "neq", value: "issued" },
    actions: [
      {
        type: "requestApproval",
        steps: [{ approver: "role:admin" }],
        message:
          "Issue {{ record.client.name }}'s invoice of {{ record.total | money: record.currency }}" +
          `{% if record.max_discount > ${APPROVAL_DISCOUNT} %} with a {{ record.max_discount }} % discount{% endif %}?`,
      },
    ],
  },
  {
    name: CONVERT_LEAD,
    description:
      "A qualified prospect becomes a client with its contact person and a deal in qualification, all at once or not at all; the lead is marked converted and the deal points back at it.",
    table: "leads",
    enabled: true,
    trigger: { type: "manual", label: "Convert lead" },
    condition: OPEN_LEAD,
    actions: [
      {
        type: "create",
        table: "clients",
        as: "client",
        values: {
          kind: "{% if record.company != blank %}company{% else %}individual{% endif %}",
          name: "{{ record.company | default: record.name }}",
          email: "{{ record.email }}",
          phone: "{{ record.phone }}",
          status: "active",
          manager: "{{ record.owner | default: user.id }}",
        },
      },
      {
        type: "create",
        table: "contacts",
        as: "contact",
        values: {
          client: "{{ created.client }}",
          first_name: "{% assign parts = record.name | split: ' ' %}{% if parts.size > 1 %}{{ parts | first }}{% endif %}",
          last_name: "{{ record.name | split: ' ' | last }}",
          email: "{{ record.email }}",
          phone: "{{ record.phone }}",
          is_primary: "true",
        },
      },
      {
        type: "create",
        table: "deals",
        as: "deal",
        values: {
          title: "{{ record.company | default: record.name }}",
          client: "{{ created.client }}",
          contact: "{{ created.contact }}",
          stage: "qualification",
          currency: "EUR",
          owner: "{{ record.owner | default: user.id }}",
          source_lead: "{{ record.id }}",
        },
      },
      { type: "update", values: { status: "converted" } },
    ],
  },
  {
    name: DEAL_CLOSED,
    description:
      "A deal that is won or lost closes today: its expected close date becomes the day it closed, so the funnel's won and lost by month is true.",
    table: "deals",
    enabled: true,
    trigger: { type: "updated", fields: ["stage"] },
    condition: { field: "stage", op: "in", value: ["won", "lost"] },
    actions: [{ type: "update", values: { expected_close: "{{ today }}" } }],
  },
];
