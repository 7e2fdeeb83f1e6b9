import { type ApiError, wordedApiError } from "../errors";
import { englishWords } from "../i18n/words";

/**
 * Why a report or a dashboard is refused (a definition that cannot be run, a name too long, a
 * report shared with you), in English for the API, the CLI and the logs; the reports and
 * dashboards screens say the same phrases in their reader's language (`locales/*.json`, same keys).
 */
export const REPORT_REFUSALS_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.reports.groupField": 'each groupBy needs a "field": a field key, or relation.field (e.g. "client.country")',
  "refusals.reports.tooDeep": '"{{path}}": a report reaches one relation deep, e.g. "client.country"',
  "refusals.reports.noField": '"{{field}}" is not a field of {{table}}',
  "refusals.reports.notRelation": '"{{field}}" is not a relation to another table of records: "{{path}}" cannot be followed',
  "refusals.reports.notObject": "a report is an object: { table, groupBy, measures, filter?, sort?, limit?, currency? }",
  "refusals.reports.table": "table must name a table of the workspace",
  "refusals.reports.tableNot": 'table must name a table of the workspace, not "{{table}}"',
  "refusals.reports.groupByList": 'groupBy is a list of at most {{max}} groupings: [{ "field": "issued_on", "bucket": "month" }]',
  "refusals.reports.groupByEntry": 'each groupBy is { "field": …, "bucket"?: … }',
  "refusals.reports.notGroupable": "{{field}} cannot be grouped by: its values are not categories",
  "refusals.reports.bucket": "bucket must be one of {{buckets}}",
  "refusals.reports.notDate": "{{field}} is not a date: only dates are grouped by {{bucket}}",
  "refusals.reports.agingTime": "aging needs a date field (a due date), and {{field}} has a time of day",
  "refusals.reports.groupTwice": "groupBy names the same grouping twice",
  "refusals.reports.measureList": 'measures is a list of 1 to {{max}} measures: [{ "op": "count" }, { "op": "sum", "field": "total" }]',
  "refusals.reports.measureEntry": 'each measure is { "op": {{ops}}, "field"?: … }',
  "refusals.reports.measureField": '{{op}} needs "field": a number or money field of {{table}}',
  "refusals.reports.measureTwice": "measures names the same measure twice",
  "refusals.reports.currency": 'currency is the three-letter code the money measures are converted into, e.g. "EUR"',
  "refusals.reports.sort": 'sort is a column key or a list of them, "-" first for descending: ["-sum:total"]',
  "refusals.reports.sortColumn": 'sort: "{{key}}" is not a column of this report ({{columns}})',
  "refusals.reports.limit": "limit must be a whole number from 1 to {{max}}",
  "refusals.reports.noReport": "there is no report {{id}}",
  "refusals.reports.savedShape": "a saved report is { name, spec, chart?, roles? }",
  "refusals.reports.name": "name: give the report a name of 1 to 120 characters",
  "refusals.reports.chart": "chart must be one of {{charts}}",
  "refusals.reports.roles": 'roles is a list of role keys to share the report with, e.g. ["sales"]',
  "refusals.reports.shareAdmin": "Only an admin may share a report with roles; save it for yourself.",
  "refusals.reports.signIn": "Reports are saved by a person: sign in.",
  "refusals.reports.sharedCopy": "This report was shared with you: save a copy to change it.",
  "refusals.reports.sharedDelete": "This report was shared with you: only its owner or an admin may delete it.",
  "refusals.reports.mayNotRead": "You may not read {{table}}, so a report cannot group by {{field}}.",
  "refusals.reports.mayNotSee": "Your role cannot see {{field}}, so a report cannot group by it.",
  "refusals.reports.tooManyGroups": "this report has more than {{max}} groups: group by a coarser bucket or add a filter",
  "refusals.reports.noBase": "no base currency is set, so the report cannot be shown in {{currency}}: set one under Admin → Exchange rates",
  "refusals.reports.specJson": "spec is not valid JSON: the address was cut or edited by hand",
  "refusals.reports.which": "say which report: ?id=<saved report> or ?spec=<report as JSON>",
  "refusals.reports.notWhole": "the report definition was not sent whole: reload the page and try again",
  "refusals.dashboards.shape": "a dashboard is { name, roles, widgets: [{ report, size }] }",
  "refusals.dashboards.name": "name: give the dashboard a name of 1 to 120 characters",
  "refusals.dashboards.roles": 'roles is a list of role keys whose home page shows the dashboard, e.g. ["staff"]',
  "refusals.dashboards.widgets": "widgets is a list of at most {{max}} { report, size } entries",
  "refusals.dashboards.widgetReport": "widgets[{{index}}].report must be the id of a saved report",
  "refusals.dashboards.widgetSize": 'widgets[{{index}}].size must be "half" or "full"',
  "refusals.dashboards.noDashboard": "there is no dashboard {{id}}",
};
const english = englishWords(REPORT_REFUSALS_ENGLISH);

/** A report's refusal (`refusals.reports.<key>`) whose English message is the catalog's. */
export const reportRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}, details?: unknown): ApiError =>
  wordedApiError(status, english, { key: `refusals.reports.${key}`, values }, details);

/** A 400 refusal of a report definition. */
export const badReport = (key: string, values: Record<string, unknown> = {}, details?: unknown): ApiError =>
  reportRefusal(400, key, values, details);

/** A dashboard's refusal (`refusals.dashboards.<key>`). */
export const dashboardRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}): ApiError =>
  wordedApiError(status, english, { key: `refusals.dashboards.${key}`, values });
