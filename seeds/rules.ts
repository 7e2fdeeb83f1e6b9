/**
 * The rules the default configuration ships with, as data (docs/decisions/014-rules-as-data.md):
 * created once, when an empty database is seeded; from then on they are the admin's to change.
 */
import type { Filter, RuleDefinition } from "@runtime/automation/types";

/** Named so the payment rule can close the tasks this one made. */
export const COLLECT_OVERDUE_INVOICE = "Collect overdue invoice";

/** An invoice sent to the client (not a draft, not cancelled) … */
const ISSUED: Filter = { field: "status", op: "eq", value: "issued" };
/** … that is not paid in full. */
const UNPAID: Filter = { field: "balance", op: "gt", value: 0 };

export const DEFAULT_RULES: RuleDefinition[] = [
  {
    name: "Task due: notify the assignee",
    description: "When an open task falls due, its assignee is told, with a link to the task.",
    table: "tasks",
    enabled: true,
    trigger: { type: "date", field: "due", offset: { amount: 0, unit: "minutes" } },
    condition: { field: "status", op: "eq", value: "open" },
    actions: [{ type: "notify", to: "assignee", title: "Task due: {{ record.subject }}", href: "/t/tasks/{{ record.id }}" }],
  },
  {
    name: "Event reminder",
    description: "At an open event's reminder time, its assignee is reminded of it.",
    table: "events",
    enabled: true,
    trigger: { type: "date", field: "remind_at", offset: { amount: 0, unit: "minutes" } },
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
    table: "invoices",
    enabled: true,
    trigger: { type: "date", field: "due_date", offset: { amount: 1, unit: "days" } },
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
];
