import { type ApiError, wordedApiError } from "../errors";
import { englishWords, WordedError, type Phrase } from "../i18n/words";
import type { RuleProblem } from "./types";

/**
 * What rules, their runs and approvals say when they refuse, in English for the API, the CLI and
 * the run log; the rules screens and the card say the same phrases in their reader's language
 * (`locales/*.json`, same keys).
 */
export const AUTOMATION_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.automation.noRun": "there is no rule run #{{id}}",
  "refusals.automation.notRetryable": "run #{{id}} is {{state}}: only a failed run can be retried",
  "refusals.automation.clickRun": "run #{{id}} was started by a click: click the button on the record again",
  "refusals.automation.retryWaiting": "run #{{id}} is already waiting for its next attempt ({{at}})",
  "refusals.automation.noTable": 'there is no table "{{table}}"',
  "refusals.automation.clickId": "the click id must be 1 to 40 letters, digits, - or _",
  "refusals.automation.noEnabledRule": "there is no enabled rule #{{id}}",
  "refusals.automation.notManual": 'the rule "{{name}}" is not run by a button (its trigger is {{trigger}})',
  "refusals.automation.notOffered": '"{{label}}" is not offered for this {{table}}: the rule\'s condition does not hold',
  "refusals.automation.approvalNew":
    '{{message}} — {{title}} needs the approval of {{approvers}} (rule "{{rule}}"), and a new record cannot be approved before it exists: {{how}}.',
  "refusals.automation.howFields": "save it first with another {{labels}}, then change the {{labels}} to ask for the approval",
  "refusals.automation.howPlain": "save it first without this change, then make the change to ask for the approval",
  "refusals.automation.approvalWaiting":
    "{{message}} — {{title}} waits for the approval of {{approvers}} (requested {{day}}). Save again once it is approved.",
  "refusals.automation.approvalNobody":
    '{{message}} — {{title}} needs an approval, but "{{approver}}" names no active user to ask: an administrator must fix the rule "{{rule}}"',
  "refusals.automation.approvalSent":
    "{{message}} — {{title}} needs the approval of {{approvers}}: the request has been sent. Save again once it is approved.",
  "refusals.automation.approvalSentRejected":
    "{{message}} — {{title}} needs the approval of {{approvers}}: the request has been sent. An earlier request was rejected. Save again once it is approved.",
  "refusals.automation.approvalSentRejectedBy":
    "{{message}} — {{title}} needs the approval of {{approvers}}: the request has been sent. An earlier request was rejected by {{by}}. Save again once it is approved.",
  "refusals.automation.approvalSentRejectedWhy":
    '{{message}} — {{title}} needs the approval of {{approvers}}: the request has been sent. An earlier request was rejected by {{by}}: "{{comment}}". Save again once it is approved.',
  "refusals.automation.commentText": "the comment must be text",
  "refusals.automation.noApproval": "there is no approval request #{{id}}",
  "refusals.automation.alreadyApproved": "approval request #{{id}} was already approved",
  "refusals.automation.alreadyRejected": "approval request #{{id}} was already rejected",
  "refusals.automation.alreadyDecided": "approval request #{{id}} was already {{state}}",
  "refusals.automation.notYourStep": "step {{n}} of this approval is for {{approvers}} to decide",
  "refusals.automation.invalidRule": "the rule is not valid: {{path}} {{problem}}",
  "refusals.automation.noRule": "there is no rule #{{id}}",
  "refusals.automation.nameTaken": 'a rule called "{{name}}" already exists: give this one another name',
  "refusals.automation.stale":
    'the rule "{{name}}" was changed by someone else after you opened it (you edited version {{edited}}, it is now version {{current}}): reload it, then apply your changes again',
  "refusals.automation.nameRule": "name a rule (id) or send a definition to try",
  "refusals.automation.unfit": "the rule no longer fits the schema: {{path}} {{problem}}",
  "refusals.automation.userPath": '"{{path}}": users have only "supervisor" to follow',
  "refusals.automation.notLink": '"{{path}}": "{{key}}" is not a link of {{tables}}',
  "refusals.automation.notUser": '"{{path}}" leads to {{tables}}, not to a user',
  "refusals.automation.recordDeleted": "{{where}}: the record was deleted",
  "refusals.automation.emptyPoolUsers": "{{where}}: nobody to assign: the pool (users) has no active user",
  "refusals.automation.emptyPoolRole": "{{where}}: nobody to assign: the pool (role {{role}}) has no active user",
  "refusals.automation.noRoute": "{{where}}: no route matched and there is no pool to choose from",
  "refusals.automation.fieldGone": '{{where}}: {{tables}} have no field "{{field}}" any more',
  "refusals.automation.badValue": '{{where}}: "{{field}}" — {{problem}}',
  "refusals.automation.workloadGone": 'the workload table "{{table}}" no longer exists',
  "refusals.automation.noRuleCalled": '{{where}}: there is no rule called "{{rule}}"',
  "refusals.automation.createTableGone": 'action {{n}} creates records of "{{table}}", a table that no longer exists',
  "refusals.automation.targetGone": '{{where}}: "{{target}}" no longer leads to a table',
  "refusals.automation.bodyObject": "the body must be a JSON object (a rule)",
  "refusals.automation.sendVersion": 'send the version of the rule you edited (its "version")',
  "refusals.automation.limit": "limit must be a whole number",
  "refusals.automation.ruleId": '"{{id}}" is not a rule id',
  "refusals.automation.nameTable": "name the table (?table=)",
  "refusals.automation.clickIdText": "clickId must be a string",
  "refusals.automation.signedInApprovals": "only a signed-in user has approvals",
  "refusals.automation.decision": '"{{decision}}" is not a decision: approve or reject',
};
/** English of the automation phrases. */
export const automationWords = englishWords(AUTOMATION_ENGLISH);

/** An automation phrase (`refusals.automation.<key>`). */
export const automationPhrase = (key: string, values: Record<string, unknown> = {}): Phrase => ({
  key: `refusals.automation.${key}`,
  values,
});

/** A refusal whose English message is the catalog's. */
export const automationRefusal = (
  status: ApiError["status"],
  key: string,
  values: Record<string, unknown> = {},
  details?: unknown,
): ApiError => wordedApiError(status, automationWords, automationPhrase(key, values), details);

/** A definition's first problem, refused (422) under `key` with all of them in `details`. */
export const problemRefusal = (key: "invalidRule" | "unfit", problems: RuleProblem[]): ApiError =>
  automationRefusal(422, key, { path: problems[0].path, problem: problems[0].words ?? problems[0].message }, { problems });

/**
 * A rule's action that cannot go on because the schema changed under it: a plain failure (no
 * refusal of the user's request), with its phrase for the run log.
 */
export const automationFailure = (key: string, values: Record<string, unknown> = {}): WordedError =>
  new WordedError(automationPhrase(key, values), automationWords);
