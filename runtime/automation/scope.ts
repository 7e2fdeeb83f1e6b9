import type { Actor } from "../records/permissions";
import { localDate } from "./schedule";

/**
 * The variables a rule's templates see. Pure: the records are loaded by the caller
 * (`runtime/print/record-context.server.ts`, as print templates see them).
 */

export type ScopeRecord = Record<string, unknown>;

export interface RuleScope {
  /** The record, its relations one level deep, its lists. */
  record: ScopeRecord;
  /** The values before an update (or the record as it was, for a delete); null otherwise. */
  previous: ScopeRecord | null;
  /** Who made the change or clicked; Tessera itself for the clock's rules. */
  user: { id: number | null; name: string; role: string };
  /** ISO date in the firm's time zone. */
  today: string;
  /** ISO date-time (UTC). */
  now: string;
  company: ScopeRecord | null;
  rule: { id: number; name: string };
  /** Records made (or found) by earlier actions, by their `as`. */
  created: Record<string, ScopeRecord>;
}

/**
 * Makes every record inside `value` print as its id in Liquid (`{{ record.client }}` → "7"), so a
 * template can fill a relation field with a linked record as naturally as with its id. The
 * property is not enumerable: it is invisible to JSON and to `for` loops over the record.
 */
export function linkable<T>(value: T, depth = 0): T {
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    value.forEach((v) => linkable(v, depth + 1));
    return value;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.id === "number" && !Object.hasOwn(record, "toString")) {
    const id = String(record.id);
    Object.defineProperty(record, "toString", { value: () => id, enumerable: false });
  }
  for (const v of Object.values(record)) if (v !== null && typeof v === "object") linkable(v, depth + 1);
  return value;
}

export function ruleScope(input: {
  record: ScopeRecord;
  previous?: ScopeRecord | null;
  actor: Pick<Actor, "id" | "name" | "role"> | null;
  company: ScopeRecord | null;
  rule: { id: number; name: string };
  now: Date;
  timeZone: string;
}): RuleScope {
  const { actor } = input;
  return {
    record: linkable(input.record),
    previous: input.previous ? linkable({ ...input.previous }) : null,
    user: actor && actor.id !== null ? { id: actor.id, name: actor.name, role: actor.role } : { id: null, name: "Tessera", role: "system" },
    today: localDate(input.now, input.timeZone),
    now: input.now.toISOString(),
    company: input.company ? linkable(input.company) : null,
    rule: input.rule,
    created: {},
  };
}
