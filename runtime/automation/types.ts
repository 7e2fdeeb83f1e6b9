import type { Phrase } from "../i18n/words";
import type { JsonValue } from "../json";

/**
 * Rules as data: a trigger, a condition and actions, all plain JSON an admin edits, exports in the
 * configuration bundle and the engine (`automation.server.ts`) executes. Tables and fields are
 * named by key, as the admin sees them; the stored rule also keeps its table's id, so a renamed
 * table keeps its rules. See docs/decisions/014-rules-as-data.md.
 */

/**
 * The list filter JSON (`runtime/records/filter.ts`): `{ "field": "status", "op": "eq", "value":
 * "issued" }` leaves combined with `{ "and": [...] }`, `{ "or": [...] }` and `{ "not": … }`.
 */
export type Filter = { field: string; op: string; value?: JsonValue } | { and: Filter[] } | { or: Filter[] } | { not: Filter };

/**
 * Liquid producing one value (not HTML: nothing is escaped). It sees the print templates'
 * variables — `record` (relations one level deep, its lists), `company`, `today` — and `previous`
 * (the values before an update), `user` (who triggered it), `now`, `rule`, `created.<as>` (records
 * made by earlier actions), `line` inside `forEach` and `target` (the record an update changes, as
 * it is now). Besides Tessera's print filters there are `add_days`, `add_hours` and `add_minutes`.
 * The text is then read like an imported cell by the target field's kind (`"2026-12-05"` for a
 * date, `"42"` for a relation); an empty text is an empty value.
 */
export type Template = string;

export type TimeUnit = "minutes" | "hours" | "days";

export type Trigger =
  /** A record is created. */
  | { type: "created" }
  /** A record is changed; with `fields`, only when one of them changed. */
  | { type: "updated"; fields?: string[] }
  /** A record is deleted (to the trash). */
  | { type: "deleted" }
  /** A date or date-time field plus `offset` is reached (`valid_to` − 30 days: amount -30). Once per record and date value. */
  | { type: "date"; field: string; offset: { amount: number; unit: TimeUnit } }
  /**
   * Every hour, day, week or month at `at` ("HH:MM"; for `hour` only its minutes count), on
   * `weekday` (1 Monday … 7 Sunday) or `day` (1–28) of the month, in TESSERA_TIME_ZONE (default
   * UTC): once per slot for every record that meets the condition.
   */
  | { type: "schedule"; every: "hour" | "day" | "week" | "month"; at?: string; weekday?: number; day?: number }
  /** A button on the record's card labelled `label`; the actions run as the user who clicks it. */
  | { type: "manual"; label: string };

export type TriggerType = Trigger["type"];

interface ActionBase {
  /**
   * The action runs only when this renders to something other than "", "false", "no" or "0":
   * for what a filter cannot say (`{% if target.stock < target.reorder_level %}yes{% endif %}`).
   */
  when?: Template;
}

/** Creates a record of `table`; `forEach` a list of the record (its lines): one per line, with `line` in scope. */
export interface CreateAction extends ActionBase {
  type: "create";
  table: string;
  /** Later actions see the record as `created.<as>`. */
  as?: string;
  values: Record<string, Template>;
  forEach?: string;
  /** Find-or-create: a record of `table` with these values is used instead of creating one (one draft order per supplier). */
  reuse?: { match: Record<string, Template> };
}

/**
 * Changes fields of `target`: "record" (default), a relation field of the record ("client"), a
 * record made earlier (`created.<as>`) or, inside `forEach`, `line` or a relation of the line
 * (`line.product`). `target` in the templates is that record as it is now.
 */
export interface UpdateAction extends ActionBase {
  type: "update";
  target?: string;
  forEach?: string;
  values: Record<string, Template>;
}

/**
 * Sets the user field `field` of the record: the `user` of the first route whose `when` holds (a
 * user id, or an email address: a configuration shipped or exported to another database cannot know
 * its users' ids),
 * else one of `pool` (a role's active users or a list of user ids) — with `workload`, the one with
 * the fewest records of `workload.table` whose `workload.field` is them and that meet `open`; ties,
 * and pools without a workload, go round-robin (the pointer is kept in the database).
 */
export interface AssignAction extends ActionBase {
  type: "assign";
  field: string;
  routes?: { when: Filter; user: number | string }[];
  pool?: { role?: string; users?: number[] };
  workload?: { table: string; field: string; open?: Filter };
}

/**
 * Closes the records rule `rule` (by name; default this rule) created for this record — or, with
 * `of`, for the record this one links to through that relation field (a payment closes its
 * invoice's collection task) — whose `status` is "open": `status` becomes "done" (or
 * "cancelled"), and `values` are set too (`{"done_at": "{{ now }}"}`).
 */
export interface CloseTasksAction extends ActionBase {
  type: "closeTasks";
  rule?: string;
  of?: string;
  status?: "done" | "cancelled";
  values?: Record<string, Template>;
}

/**
 * Notifies users: `to` renders to user ids, user fields of the record followed through relations
 * ("assignee", "client.manager", "owner.supervisor") or "role:<key>", separated by commas. `href`
 * defaults to the record's card.
 */
export interface NotifyAction extends ActionBase {
  type: "notify";
  to: Template;
  title: Template;
  href?: Template;
}

/**
 * A guard (update triggers only): a change that makes the rule's trigger and condition hold is
 * refused (409, naming who must approve) until every step is approved for the record as it was;
 * the refused save asks the first step's approvers. Each step's `approver` is a user id, a user
 * field of the record ("client.manager") or "role:<key>".
 */
export interface RequestApprovalAction extends ActionBase {
  type: "requestApproval";
  steps: { approver: string }[];
  message: Template;
}

export type Action = CreateAction | UpdateAction | AssignAction | CloseTasksAction | NotifyAction | RequestApprovalAction;
export type ActionType = Action["type"];

/** What an admin writes; `POST /api/rules` takes it, `GET` answers it inside `Rule`. */
export interface RuleDefinition {
  name: string;
  description?: string;
  /** Table key. */
  table: string;
  enabled: boolean;
  trigger: Trigger;
  /** Must hold on the record (after the change) for the rule to act. */
  condition?: Filter;
  /** Update triggers: must hold on the values before the change (`status` was not yet "paid"). */
  previous?: Filter;
  /** In order, in one transaction: all of them happen, or none. */
  actions: Action[];
}

/** A problem of a definition, at a JSON Pointer into it (`/actions/0/values/subject`), saying how to fix it. */
export interface RuleProblem {
  path: string;
  message: string;
  /** The message as a catalog phrase (`rules.problems.*`), for the editor in its reader's language. */
  words?: Phrase;
}

/** A stored rule. */
export interface Rule extends RuleDefinition {
  id: number;
  /** Sent back on update: a stale one is a 409. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** What no longer fits the current schema (a removed field): such a rule does nothing until fixed. */
  problems: RuleProblem[];
}

export type RunState = "done" | "failed" | "stopped" | "skipped";

/** What one action did, or (dry run) would do, for one record. */
export interface ActionOutcome {
  /** The record the rule ran for. */
  record: number;
  /** Index of the action in the rule. */
  action: number;
  type: ActionType;
  /** The table written to, notified about or asked about. */
  table: string;
  /** The values written (as the field kinds read them), or what a notify/approval says. */
  values: Record<string, JsonValue>;
  /** The record created, changed or reused (ids of records created in a dry run are not kept). */
  target?: number | null;
  reused?: boolean;
  /** Why the action did nothing (`when` did not hold, no open tasks, …). */
  skipped?: string;
}

/** One entry of a rule's run log. */
export interface RuleRun {
  id: number;
  ruleId: number;
  table: string;
  recordId: number;
  /** Why this run is one of a kind: "created", "v7" (the version an update made), a date value, a schedule slot, a click. */
  occurrence: string;
  trigger: TriggerType;
  state: RunState;
  actions: ActionOutcome[];
  error: string | null;
  /** `error` as a catalog phrase, when it is one of Tessera's: the run log says it in its reader's language. */
  errorWords?: Phrase | null;
  depth: number;
  attempts: number;
  /** Failed, and an admin may start it again (the rules service's `retryRun`). */
  retryable: boolean;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/rules/:id/dry-run`: what the rule would act on now and what it would do, without keeping anything. */
export interface DryRunResult {
  matches: { id: number; title: string }[];
  actions: ActionOutcome[];
  /** Records for which the rule would fail, and why. */
  /** `words`: the message as a catalog phrase, when it is one of Tessera's. */
  errors: { record: number; message: string; words?: Phrase | null }[];
  /** More records matched than were tried (`limit`). */
  truncated: boolean;
}

export interface NotificationRow {
  id: number;
  title: string;
  href: string | null;
  createdAt: string;
  readAt: string | null;
}

/** `GET /api/notifications`. */
export interface NotificationList {
  rows: NotificationRow[];
  unread: number;
}

export type ApprovalState = "pending" | "approved" | "rejected";

export interface ApprovalStep {
  /** As the rule says it: a user id, a user field path or "role:<key>". */
  approver: string;
  /** Who may decide this step, as resolved when it became current (empty while a later step). */
  users: { id: number; name: string }[];
  decision: "approved" | "rejected" | null;
  decidedBy: { id: number; name: string } | null;
  comment: string | null;
  decidedAt: string | null;
}

export interface Approval {
  id: number;
  ruleId: number;
  ruleName: string;
  table: string;
  recordId: number;
  /** The version of the record the approval is for: a change to the record after the request needs a new one. */
  recordVersion: number;
  state: ApprovalState;
  /** Index of the step waiting for a decision (steps.length once approved). */
  step: number;
  steps: ApprovalStep[];
  message: string;
  requestedBy: number | null;
  createdAt: string;
  decidedAt: string | null;
  /** The guarded change went through with this approval. */
  usedAt: string | null;
}
