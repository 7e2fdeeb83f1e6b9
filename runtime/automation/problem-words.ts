import { englishWords, phrased } from "../i18n/words";
import type { RuleProblem } from "./types";

/**
 * What the rule checker says of a definition, in English (the API and the stored problems read
 * these); the rule editor says the same phrases in its reader's language (`locales/*.json`).
 */
export const RULE_PROBLEMS_ENGLISH: Readonly<Record<string, string>> = {
  "rules.problems.notPartOfRule": '"{{name}}" is not part of a rule: remove it or check its spelling',
  "rules.problems.notPartOfThis": '"{{name}}" is not part of this part of a rule: remove it or check its spelling',
  "rules.problems.noTableOf": 'there is no table "{{table}}": use one of {{tables}}',
  "rules.problems.noTable": 'there is no table "{{table}}"',
  "rules.problems.badFilter": "{{error}} (a filter on {{table}})",
  "rules.problems.badTemplate": "the template does not parse: {{error}}. Check its {{output}} and {{tag}} tags",
  "rules.problems.noField": '{{table}} have no field "{{field}}"',
  "rules.problems.noFieldOf": '{{table}} have no field "{{field}}": use one of {{fields}}',
  "rules.problems.notDate": '"{{field}}" is not a date or date-time field: a date trigger needs one',
  "rules.problems.weekdayOnly": '"weekday" is for weekly schedules only',
  "rules.problems.dayOnly": '"day" is for monthly schedules only',
  "rules.problems.previousOnly":
    '"previous" (the values before the change) only exists for update triggers: remove it, or trigger on "updated"',
  "rules.problems.noList": '{{table}} have no list "{{list}}"',
  "rules.problems.noListOf": '{{table}} have no list "{{list}}": use one of {{lists}}',
  "rules.problems.computed": '"{{field}}" of {{table}} is computed by Tessera and cannot be set',
  "rules.problems.system": '"{{field}}" is kept by Tessera and cannot be set',
  "rules.problems.nameTaken": 'another action is already called "{{name}}": give each its own name',
  "rules.problems.notUserField": '"{{field}}" is not a link to a user: assign sets a user field',
  "rules.problems.badUser": '"{{user}}" is neither a user id nor an email address: give one of them',
  "rules.problems.routesOrPool": 'give "routes", a "pool" of users, or both',
  "rules.problems.notUserLink": '"{{field}}" is not a link to a user',
  "rules.problems.workloadPool": 'a workload chooses among a "pool": add one',
  "rules.problems.approvalTrigger": 'an approval guards a change: it needs an "updated" trigger (e.g. when status becomes "issued")',
  "rules.problems.oneApproval": "a rule asks for one approval: chain its steps instead of adding a second request",
  "rules.problems.noCreate": 'no earlier create action is called "{{name}}" (its "as")',
  "rules.problems.needsForEach": '"{{target}}" needs "forEach": the list whose lines to go through',
  "rules.problems.notRecordLink": '"{{field}}" is not a link to another record: an update changes the record, a linked record or a line',
  "rules.problems.nameUser": 'name a user: an id, a user field such as "owner" or "client.manager", or "role:admin"',
  "rules.problems.supervisorOnly": '"{{spec}}": users have only "supervisor" to follow (e.g. "owner.supervisor")',
  "rules.problems.notLink": '"{{spec}}": "{{key}}" is not a link of {{table}}; name a user field such as "owner" or "client.manager"',
  "rules.problems.leadsTo": '"{{spec}}" leads to {{table}}, not to a user: end it with a user field',
};
const english = englishWords(RULE_PROBLEMS_ENGLISH);

/** A problem at `path`: its English message and its phrase (`rules.problems.<key>`), side by side. */
export function ruleProblem(path: string, key: string, values: Record<string, unknown> = {}): RuleProblem {
  return { path, ...phrased(english, `rules.problems.${key}`, values) };
}
