import type { DefaultDashboard } from "@runtime/reports/dashboards.server";
import type { DefaultReport } from "@runtime/reports/reports.server";

/**
 * The reports the example configuration ships, shared with the roles that need them: what an
 * owner asks first (revenue, who owes what, the best clients), what a team lead asks (overdue
 * tasks), and where the pipeline stands. Filters use tokens, so "this year" stays this year.
 */
export const DEFAULT_REPORTS: DefaultReport[] = [
  {
    name: "Revenue by month",
    translations: { sv: { name: "Intäkter per månad" }, zh: { name: "按月收入" }, hy: { name: "Եկամուտն ըստ ամիսների" } },
    chart: "bar",
    roles: ["accountant", "staff"],
    spec: {
      table: "invoices",
      groupBy: [{ field: "date", bucket: "month" }],
      measures: [{ op: "sum", field: "total" }, { op: "count" }],
      filter: { field: "status", op: "eq", value: "issued" },
    },
  },
  {
    name: "Receivables aging",
    translations: {
      sv: { name: "Kundfordringar efter ålder" },
      zh: { name: "应收账款账龄" },
      hy: { name: "Դեբիտորական պարտքերն ըստ ժամկետի" },
    },
    chart: "stacked",
    roles: ["accountant"],
    spec: {
      table: "invoices",
      groupBy: [{ field: "client" }, { field: "due_date", bucket: "aging" }],
      measures: [{ op: "sum", field: "balance" }],
      filter: {
        and: [
          { field: "status", op: "eq", value: "issued" },
          { field: "balance", op: "gt", value: 0 },
        ],
      },
    },
  },
  {
    name: "Top 10 clients by revenue this year",
    translations: {
      sv: { name: "Topp 10 kunder efter intäkter i år" },
      zh: { name: "今年收入前 10 名客户" },
      hy: { name: "Տարվա եկամտով լավագույն 10 հաճախորդները" },
    },
    chart: "bar",
    roles: ["accountant", "staff"],
    spec: {
      table: "invoices",
      groupBy: [{ field: "client" }],
      measures: [{ op: "sum", field: "total" }],
      filter: {
        and: [
          { field: "status", op: "eq", value: "issued" },
          { field: "date", op: "between", value: "$thisYear" },
        ],
      },
      sort: ["-sum:total"],
      limit: 10,
    },
  },
  {
    name: "Overdue tasks by assignee",
    translations: {
      sv: { name: "Försenade uppgifter per ansvarig" },
      zh: { name: "按负责人统计的逾期任务" },
      hy: { name: "Ժամկետանց առաջադրանքներն ըստ պատասխանատուի" },
    },
    chart: "bar",
    roles: ["accountant", "staff"],
    spec: {
      table: "tasks",
      groupBy: [{ field: "assignee" }],
      measures: [{ op: "count" }],
      filter: {
        and: [
          { field: "status", op: "eq", value: "open" },
          { field: "due", op: "lt", value: "$now" },
        ],
      },
      sort: ["-count"],
    },
  },
  {
    name: "Sales funnel by stage",
    translations: { sv: { name: "Säljtratt per steg" }, zh: { name: "按阶段的销售漏斗" }, hy: { name: "Վաճառքի ձագարն ըստ փուլերի" } },
    chart: "funnel",
    roles: ["staff"],
    spec: {
      table: "deals",
      groupBy: [{ field: "stage" }],
      measures: [{ op: "count" }, { op: "sum", field: "amount" }],
      filter: { field: "stage", op: "neq", value: "lost" },
    },
  },
  // What each campaign brought in, as two reports because a report reads one table: leads it
  // started, and the amount of the deals it won.
  {
    name: "Leads by campaign",
    translations: {
      sv: { name: "Leads per kampanj" },
      zh: { name: "按营销活动的潜在客户" },
      hy: { name: "Պոտենցիալ հաճախորդներն ըստ արշավների" },
    },
    chart: "bar",
    roles: ["staff"],
    spec: {
      table: "leads",
      groupBy: [{ field: "campaign" }],
      measures: [{ op: "count" }],
      filter: { field: "campaign", op: "notEmpty" },
      sort: ["-count"],
    },
  },
  {
    name: "Won amount by campaign",
    translations: {
      sv: { name: "Vunnet belopp per kampanj" },
      zh: { name: "按营销活动的赢单金额" },
      hy: { name: "Շահված գումարն ըստ արշավների" },
    },
    chart: "bar",
    roles: ["staff"],
    spec: {
      table: "deals",
      groupBy: [{ field: "campaign" }],
      measures: [{ op: "sum", field: "amount" }],
      filter: {
        and: [
          { field: "stage", op: "eq", value: "won" },
          { field: "campaign", op: "notEmpty" },
        ],
      },
      sort: ["-sum:amount"],
    },
  },
];

/** A home page per role: the owner's numbers, the accountant's receivables, the sales team's pipeline. */
export const DEFAULT_DASHBOARDS: DefaultDashboard[] = [
  {
    name: "The business at a glance",
    translations: { sv: { name: "Verksamheten i korthet" }, zh: { name: "业务一览" }, hy: { name: "Բիզնեսը մեկ հայացքով" } },
    roles: ["admin"],
    widgets: [
      { report: "Revenue by month", size: "full" },
      { report: "Top 10 clients by revenue this year", size: "half" },
      { report: "Sales funnel by stage", size: "half" },
      { report: "Receivables aging", size: "full" },
    ],
  },
  {
    name: "Accounts",
    translations: { sv: { name: "Ekonomi" }, zh: { name: "财务" }, hy: { name: "Հաշվապահություն" } },
    roles: ["accountant"],
    widgets: [
      { report: "Receivables aging", size: "full" },
      { report: "Revenue by month", size: "full" },
    ],
  },
  {
    name: "Sales",
    translations: { sv: { name: "Försäljning" }, zh: { name: "销售" }, hy: { name: "Վաճառք" } },
    roles: ["staff"],
    widgets: [
      { report: "Sales funnel by stage", size: "half" },
      { report: "Overdue tasks by assignee", size: "half" },
      { report: "Leads by campaign", size: "half" },
      { report: "Won amount by campaign", size: "half" },
    ],
  },
];
