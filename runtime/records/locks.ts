import type { ApiError } from "../errors";
import { recordRefusal } from "./record-words";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import type { SchemaProblem } from "../schema/types";
import { parseFilter, type FilterNode } from "./filter";
import { recordMatches } from "./filter-match";
import type { LinesInput } from "./input";
import { titleOf } from "./titles";
import { schemaName } from "../i18n/words";

/**
 * A table's record lock (`x-lock`): once a record matches `when` (an invoice is issued), the
 * fields and line lists it names are locked for everyone, the record must go on matching `stays`
 * (an issued invoice may become cancelled, never a draft again), and it cannot be deleted.
 * Corrections go through what the configuration offers for them (cancellation, a credit note).
 */
export interface RecordLock {
  when: FilterNode;
  stays: FilterNode | null;
  keys: Set<string>;
  message: string | null;
}

const parsed = new WeakMap<CompiledTable, RecordLock | null>();

export function lockOf(table: CompiledTable): RecordLock | null {
  if (parsed.has(table)) return parsed.get(table)!;
  const def = table.def["x-lock"];
  const lock = def
    ? {
        when: parseFilter(table, def.when)!,
        stays: def.stays ? parseFilter(table, def.stays) : null,
        keys: new Set(def.fields),
        message: def.message ?? null,
      }
    : null;
  parsed.set(table, lock);
  return lock;
}

/** The keys locked on this record now: none unless it matches its table's lock. */
export function lockedKeys(table: CompiledTable, record: Record<string, unknown>): Set<string> {
  const lock = lockOf(table);
  return lock && recordMatches(lock.when, record) ? lock.keys : new Set();
}

const listLabel = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, " ");

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Lines sent for a list that change nothing: the same ids, each value as it is. */
function linesUnchanged(sent: Record<string, unknown>[], current: Record<string, unknown>[]): boolean {
  if (sent.length !== current.length) return false;
  const byId = new Map(current.map((l) => [Number(l.id), l]));
  return sent.every((line) => {
    const was = byId.get(Number(line.id));
    return was !== undefined && Object.entries(line).every(([k, v]) => k === "id" || k === "version" || same(v, was[k]));
  });
}

function refusal(
  table: CompiledTable,
  record: Record<string, unknown>,
  lock: RecordLock,
  what: string,
  values: Record<string, unknown> = {},
): ApiError {
  return recordRefusal(
    422,
    "locked",
    {
      title: titleOf(table, record),
      what: { key: `refusals.records.${what}`, values },
      why: lock.message ? schemaName(lock.message, table.key, { lockMessage: true }) : { key: "refusals.records.lockedHow" },
    },
    { locked: [...lock.keys] },
  );
}

/** An update of a locked record changes none of its locked fields and lines, and keeps it matching `stays`. */
export function refuseLockedUpdate(
  table: CompiledTable,
  current: Record<string, unknown>,
  values: Record<string, unknown>,
  lists: LinesInput,
  after: Record<string, unknown>,
): void {
  const lock = lockOf(table);
  if (!lock || !recordMatches(lock.when, current)) return;
  const changed = [
    ...Object.keys(values).filter((k) => lock.keys.has(k) && !same(values[k], current[k])),
    ...Object.keys(lists).filter((k) => lock.keys.has(k) && !linesUnchanged(lists[k], (current[k] as Record<string, unknown>[]) ?? [])),
  ];
  if (changed.length) {
    const labels = changed.map((k) => table.fieldsByKey.get(k)?.label ?? listLabel(k));
    throw refusal(table, current, lock, "lockedFields", { fields: labels.join(", ") });
  }
  if (lock.stays && !recordMatches(lock.stays, after)) throw refusal(table, current, lock, "lockedState");
}

/** A locked record is not deleted. */
export function refuseLockedDelete(table: CompiledTable, record: Record<string, unknown>): void {
  const lock = lockOf(table);
  if (lock && recordMatches(lock.when, record)) throw refusal(table, record, lock, "lockedDelete");
}

/** A line of a locked parent (its list locked) is not written directly either. */
export function refuseLockedParent(parentTable: CompiledTable, parent: Record<string, unknown>, list: string): void {
  const lock = lockOf(parentTable);
  if (lock && lock.keys.has(list) && recordMatches(lock.when, parent))
    throw refusal(parentTable, parent, lock, "lockedLines", { list: listLabel(list).toLowerCase() });
}

/** A lock's and the assertions' conditions parse as list filters on their table: checked before a schema is stored. */
export function lockProblems(compiled: CompiledSchema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const check = (t: CompiledTable, path: string, filter: unknown) => {
    try {
      parseFilter(t, filter);
    } catch (error) {
      problems.push({ path: `/$defs/${t.key}/${path}`, message: `the condition: ${(error as Error).message}` });
    }
  };
  for (const t of compiled.tables) {
    const lock = t.def["x-lock"];
    if (lock) for (const part of ["when", "stays"] as const) if (lock[part] !== undefined) check(t, `x-lock/${part}`, lock[part]);
    (t.def["x-assert"] ?? []).forEach((a, i) => check(t, `x-assert/${i}/that`, a.that));
  }
  return problems;
}
