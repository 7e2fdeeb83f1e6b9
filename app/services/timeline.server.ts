import { tablesName } from "@runtime/i18n/schema-names";
/**
 * A card's timeline (runtime/records/timeline.server.ts) and the quick adds beside it: *Add note*,
 * *Log call* and *Add task*. The quick adds write records of the default configuration's `notes`,
 * `events` and `tasks` tables (see seeds/schema.json), linked to the card's record by whatever
 * links the schema offers, through the records service as the user; each is offered only where
 * its table exists, can be linked and the user may create its records.
 */
import { isRelation, relationTarget } from "@runtime/fields/structure";
import type { FormatOptions } from "@runtime/fields/types";
import { parseId } from "@runtime/records/params";
import { mayDo, type Actor } from "@runtime/records/permissions";
import type { RecordJson } from "@runtime/records/rows";
import { readTimeline, type TimelineQuery } from "@runtime/records/timeline.server";
import type { CompiledSchema, CompiledTable } from "@runtime/schema/compile";
import { USERS_TABLE } from "@runtime/schema/types";
import { requireTable } from "@runtime/schema/compile";
import type { Words } from "@runtime/i18n/translator";
import { callSubject, parseCallLog, type CallLog } from "./call-log";
import { getRuntime, type Runtime } from "./runtime.server";

import type { CardTimeline, QuickAdd, QuickAddType } from "../components/card/card-types";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { cardRefusal } from "./card-words";

const QUICK_ADDS: { type: QuickAddType; table: string; label: string }[] = [
  { type: "note", table: "notes", label: "Add note" },
  { type: "call", table: "events", label: "Log call" },
  { type: "task", table: "tasks", label: "Add task" },
];

const SUBJECT_CHARS = 200;

/** The values that tie a new record of `source` to `table` #`id`: its "about" link, else a relation. */
function linkValues(source: CompiledTable, table: CompiledTable, id: number): Record<string, unknown> | null {
  const about = source.def["x-about"];
  if (about && source.fieldsByKey.has(about.table) && source.fieldsByKey.has(about.id)) return { [about.table]: table.key, [about.id]: id };
  const relation = source.fields.find((f) => isRelation(f) && relationTarget(f) === table.key);
  return relation ? { [relation.key]: id } : null;
}

export function quickAdds(actor: Actor, compiled: CompiledSchema, table: CompiledTable): QuickAdd[] {
  return QUICK_ADDS.filter((add) => {
    const source = compiled.tablesByKey.get(add.table);
    return source !== undefined && source.key !== table.key && mayDo(actor, "create", source) && linkValues(source, table, 1) !== null;
  }).map(({ type, label }) => ({ type, label }));
}

/** With a language, entries name tables, fields and options in it (ADR 035); records are read as stored. */
export async function timelineAs(
  actor: Actor,
  tableKey: string,
  id: unknown,
  query: TimelineQuery,
  format?: FormatOptions,
  language?: string,
) {
  const runtime = await getRuntime();
  const deps = language
    ? { ...runtime, workspace: { current: async () => inLanguage(await runtime.workspace.current(), language) } }
    : runtime;
  return readTimeline(deps, actor, tableKey, id, query, format);
}

/** The card's first page and what it offers to add. */
export async function cardTimeline(
  actor: Actor,
  compiled: CompiledSchema,
  table: CompiledTable,
  id: number,
  format: FormatOptions,
  language?: string,
): Promise<CardTimeline> {
  return { page: await timelineAs(actor, table.key, id, {}, format, language), adds: quickAdds(actor, compiled, table) };
}

/** Trimmed text, or null when left empty; `required` refuses that. */
function text(raw: unknown, name: string, required: boolean): string | null {
  if (raw !== undefined && raw !== null && typeof raw !== "string") throw cardRefusal(400, "notText", { name });
  const trimmed = typeof raw === "string" ? raw.trim() : "";
  if (trimmed === "" && required) throw cardRefusal(400, "required", { name });
  return trimmed === "" ? null : trimmed;
}

/** First line of a text, cut to a subject's length. */
function subjectOf(body: string): string {
  const line = body.split("\n")[0].trim();
  return line.length > SUBJECT_CHARS ? `${line.slice(0, SUBJECT_CHARS - 1)}…` : line;
}

/**
 * `{ type: "note", text }`, `{ type: "call", … }` (see call-log.ts: startedAt, durationMinutes,
 * result, notes, nextStep) or `{ type: "task", subject, due? }`
 * → the record created about `tableKey` #`rawId`, as the user (a task is theirs unless a rule
 * says otherwise). The user must be able to read the record it is about.
 */
export async function addToTimeline(
  actor: Actor,
  tableKey: string,
  rawId: unknown,
  input: unknown,
  now = new Date(),
  given?: Pick<Runtime, "records" | "workspace">,
  /** The caller's words, for a call's subject written from its result. */
  words?: Words,
): Promise<RecordJson> {
  const runtime = given ?? (await getRuntime());
  const { compiled } = await runtime.workspace.current();
  const table = requireTable(compiled, tableKey);
  const id = parseId(rawId);
  if (!input || typeof input !== "object" || Array.isArray(input)) throw cardRefusal(400, "addShape");
  const body = input as Record<string, unknown>;
  const add = QUICK_ADDS.find((a) => a.type === body.type);
  if (!add) throw cardRefusal(400, "addType", { types: QUICK_ADDS.map((a) => `"${a.type}"`).join(", ") });
  const source = compiled.tablesByKey.get(add.table);
  const link = source ? linkValues(source, table, id) : null;
  if (!source || !link) throw cardRefusal(400, "noAdds", { tables: tablesName(table), type: add.type });
  const record = await runtime.records.get(actor, table.key, id);

  let values: Record<string, unknown>;
  let nextTask: Record<string, unknown> | null = null;
  if (add.type === "note") {
    const note = text(body.text, "text", true)!;
    values = { subject: subjectOf(note), body: note };
  } else if (add.type === "call") {
    const log = parseCallLog(body, now);
    values = {
      kind: "call",
      subject:
        log.subject ??
        (log.result || log.minutes !== null ? callSubject(log, words) : log.notes ? subjectOf(log.notes) : callSubject(log, words)),
      done: true,
      starts_at: log.startedAt.toISOString(),
      assignee: actor.id,
      ...(log.notes ? { result: log.notes } : {}),
    };
    nextTask = log.nextStep ? nextStepTask(actor, compiled, table, id, log) : null;
  } else {
    values = { subject: text(body.subject, "subject", true), status: "open", assignee: actor.id };
    const due = text(body.due, "due", false);
    if (due) values.due = due;
  }
  const created = await runtime.records.create(actor, source.key, { ...carriedLinks(source, table, record), ...values, ...link });
  if (nextTask) await runtime.records.create(actor, TASKS, nextTask);
  return created;
}

const TASKS = QUICK_ADDS.find((a) => a.type === "task")!.table;

/**
 * The task a call's next step becomes, the caller's own, about the same record. Checked before
 * the call is written, so a role that may not create tasks is refused with nothing half done.
 */
function nextStepTask(actor: Actor, compiled: CompiledSchema, table: CompiledTable, id: number, log: CallLog): Record<string, unknown> {
  const tasks = compiled.tablesByKey.get(TASKS);
  const link = tasks ? linkValues(tasks, table, id) : null;
  if (!tasks || !link) throw cardRefusal(400, "noTasks", { tables: tablesName(table) });
  if (!mayDo(actor, "create", tasks)) throw cardRefusal(403, "mayNotTask");
  return {
    subject: log.nextStep!.subject,
    status: "open",
    assignee: actor.id,
    ...(log.nextStep!.due ? { due: log.nextStep!.due.toISOString() } : {}),
    ...link,
  };
}

/**
 * Links the new record takes over from the one it is about: a call logged on a contact is also
 * the contact's client's, one on a deal its client's and contact's, so it shows on their
 * timelines too. People are not carried: a client's manager is not who made the call.
 */
function carriedLinks(source: CompiledTable, table: CompiledTable, record: RecordJson): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of source.fields) {
    const target = relationTarget(field);
    if (!target || target === USERS_TABLE || target === table.key) continue;
    const from = table.fields.find((f) => relationTarget(f) === target);
    if (from && typeof record[from.key] === "number") out[field.key] = record[from.key];
  }
  return out;
}
