/**
 * The default configuration's home page: what staff, accountants and admins see first on `/`.
 * Panels name this configuration's tables and fields by key; one whose table an admin removes
 * drops out (runtime/home/panels.ts). Filter tokens (`$me`, `$today`, `$thisMonth`, …) are
 * resolved for the person and the day: runtime/home/tokens.ts.
 */
import type { HomePanel } from "@runtime/home/panels";

const EVERYONE = ["admin", "staff", "accountant"];
const SALES = ["admin", "staff"];
const BOOKS = ["admin", "accountant"];

export const DEFAULT_HOME_PANELS: readonly HomePanel[] = [
  {
    id: "my-tasks",
    kind: "list",
    title: "My open tasks",
    roles: EVERYONE,
    table: "tasks",
    filter: {
      and: [
        { field: "assignee", op: "eq", value: "$me" },
        { field: "status", op: "eq", value: "open" },
      ],
    },
    // Earliest due first, so what is overdue leads; tasks without a due time come last.
    sort: "due",
    columns: ["subject", "due", "priority"],
    overdue: { field: "due", before: "$now" },
    limit: 8,
    link: "/tasks",
    empty: "You are all caught up.",
  },
  {
    id: "todays-events",
    kind: "list",
    title: "Today's events",
    roles: SALES,
    table: "events",
    filter: {
      and: [
        { field: "assignee", op: "eq", value: "$me" },
        { field: "starts_at", op: "gte", value: "$midnight" },
        { field: "starts_at", op: "lt", value: "$midnight+1" },
      ],
    },
    sort: "starts_at",
    columns: ["starts_at", "subject", "client"],
    empty: "Nothing in the calendar today.",
  },
  {
    id: "deals-closing",
    kind: "list",
    title: "My deals closing this month",
    roles: SALES,
    table: "deals",
    filter: {
      and: [
        { field: "owner", op: "eq", value: "$me" },
        { field: "expected_close", op: "between", value: "$thisMonth" },
        { field: "stage", op: "notIn", value: ["won", "lost"] },
      ],
    },
    sort: "expected_close",
    columns: ["title", "stage", "expected_close", "amount"],
    empty: "No open deals of yours close this month.",
  },
  {
    id: "overdue-invoices",
    kind: "list",
    title: "Overdue invoices",
    roles: BOOKS,
    table: "invoices",
    filter: {
      and: [
        { field: "status", op: "eq", value: "issued" },
        { field: "due_date", op: "lt", value: "$today" },
        { field: "balance", op: "gt", value: 0 },
      ],
    },
    // Longest overdue first.
    sort: "due_date",
    columns: ["number", "client", "due_date", "balance"],
    limit: 10,
    empty: "No invoice is overdue.",
  },
  {
    id: "receivables-aging",
    kind: "aging",
    title: "Receivables by age",
    roles: BOOKS,
    table: "invoices",
    date: "due_date",
    amount: "balance",
    filter: {
      and: [
        { field: "status", op: "eq", value: "issued" },
        { field: "balance", op: "gt", value: 0 },
      ],
    },
  },
  {
    id: "payments-this-month",
    kind: "sum",
    title: "Payments this month",
    roles: BOOKS,
    table: "payments",
    amount: "amount",
    filter: { field: "date", op: "between", value: "$thisMonth" },
  },
  { id: "recent", kind: "recent", title: "Recently opened", roles: EVERYONE, limit: 8 },
  { id: "failed-runs", kind: "failedRuns", title: "Failed rule runs", roles: ["admin"], limit: 5 },
  { id: "dead-jobs", kind: "deadJobs", title: "Failed background jobs", roles: ["admin"], limit: 5 },
];
