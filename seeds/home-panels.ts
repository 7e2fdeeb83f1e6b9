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
    translations: {
      sv: { title: "Mina öppna uppgifter", empty: "Du har inget kvar att göra." },
      zh: { title: "我的未完成任务", empty: "你已全部处理完毕。" },
      hy: { title: "Իմ բաց առաջադրանքները", empty: "Դուք ամեն ինչ արել եք։" },
    },
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
    translations: {
      sv: { title: "Dagens händelser", empty: "Inget i kalendern i dag." },
      zh: { title: "今天的日程", empty: "今天日历上没有安排。" },
      hy: { title: "Այսօրվա իրադարձությունները", empty: "Այսօր օրացույցում ոչինչ չկա։" },
    },
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
    translations: {
      sv: { title: "Mina affärer som avslutas denna månad", empty: "Inga av dina öppna affärer avslutas denna månad." },
      zh: { title: "本月即将成交的我的交易", empty: "本月没有你的未结交易要成交。" },
      hy: { title: "Իմ գործարքները, որոնք փակվում են այս ամիս", empty: "Ձեր բաց գործարքներից ոչ մեկը այս ամիս չի փակվում։" },
    },
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
    translations: {
      sv: { title: "Förfallna fakturor", empty: "Ingen faktura är förfallen." },
      zh: { title: "逾期发票", empty: "没有逾期发票。" },
      hy: { title: "Ժամկետանց հաշիվ-ապրանքագրեր", empty: "Ժամկետանց հաշիվ-ապրանքագիր չկա։" },
    },
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
    translations: {
      sv: { title: "Kundfordringar efter ålder" },
      zh: { title: "按账龄的应收账款" },
      hy: { title: "Դեբիտորական պարտքերն ըստ ժամկետի" },
    },
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
    translations: { sv: { title: "Betalningar denna månad" }, zh: { title: "本月收款" }, hy: { title: "Այս ամսվա վճարումները" } },
    roles: BOOKS,
    table: "payments",
    amount: "amount",
    filter: { field: "date", op: "between", value: "$thisMonth" },
  },
  {
    id: "recent",
    kind: "recent",
    title: "Recently opened",
    translations: { sv: { title: "Nyligen öppnade" }, zh: { title: "最近打开" }, hy: { title: "Վերջերս բացված" } },
    roles: EVERYONE,
    limit: 8,
  },
  {
    id: "failed-runs",
    kind: "failedRuns",
    title: "Failed rule runs",
    translations: {
      sv: { title: "Misslyckade regelkörningar" },
      zh: { title: "失败的规则运行" },
      hy: { title: "Կանոնների ձախողված կատարումներ" },
    },
    roles: ["admin"],
    limit: 5,
  },
  {
    id: "dead-jobs",
    kind: "deadJobs",
    title: "Failed background jobs",
    translations: {
      sv: { title: "Misslyckade bakgrundsjobb" },
      zh: { title: "失败的后台任务" },
      hy: { title: "Ձախողված ֆոնային առաջադրանքներ" },
    },
    roles: ["admin"],
    limit: 5,
  },
];
