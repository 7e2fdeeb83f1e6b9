import type { Knex } from "knex";
import type { Dialect } from "../../db/connection.server";
import type { Actor } from "../../records/permissions";
import type { RecordsService } from "../../records/service.server";
import type { CompiledSchema, CompiledTable } from "../../schema/compile";
import type { UserRef } from "../recipients.server";
import type { LoadedRule } from "../rules.server";
import type { RuleScope, ScopeRecord } from "../scope";
import type { Action, ActionOutcome } from "../types";

/**
 * What an action runs with: the records service and the transaction of its run, the rule, the
 * record and the templates' variables. Actions write only through `tx` (so permissions,
 * validation, formulas, numbering, the audit trail and other rules' triggers apply to them) and
 * keep their own bookkeeping (`crm_rule_state`, notifications) in `trx`.
 */
export interface RunContext {
  tx: RecordsService;
  trx: Knex.Transaction;
  dialect: Dialect;
  compiled: CompiledSchema;
  table: CompiledTable;
  rule: LoadedRule;
  recordId: number;
  /** Whom the writes are made as: the system (or, for a manual rule, the clicking user) at depth + 1. */
  actor: Actor;
  scope: RuleScope;
  now: Date;
  /** A dry run: everything happens and is then rolled back. */
  dry: boolean;
  /** The record no longer exists (a delete trigger): `record` is what it was. */
  gone: boolean;
  /** Renders a template with the scope and `extra` variables (`line`, `target`). */
  render(text: string, extra?: Record<string, unknown>): string;
  /** Renders templates and reads each as its field's kind does; a 422 naming the action and field when one cannot be read. */
  values(table: CompiledTable, templates: Record<string, string>, extra: Record<string, unknown>, where: string): Record<string, unknown>;
  outcome(outcome: Omit<ActionOutcome, "record">): void;
  /** Remembers a record this run created, for `closeTasks`. */
  effect(table: CompiledTable, id: number): void;
  /** The record's stored values now (its snapshot when gone): relations as ids. */
  current(): Promise<ScopeRecord>;
  /** Reloads `scope.record` after an action changed the record. */
  refreshRecord(): Promise<void>;
  /** Users a comma-separated list of specs names ("owner", "client.manager", "role:admin", "7"). */
  users(specs: string): Promise<UserRef[]>;
  /** Holds the row `key` of crm_rule_state until the run's transaction ends, and returns its value. */
  lockState(key: string): Promise<string | null>;
  setState(key: string, value: string): Promise<void>;
}

export type ActionRunner<A extends Action> = (ctx: RunContext, action: A, index: number) => Promise<void>;

/** One runner per action type: a type without one does not compile. */
export type ActionRunners = { [T in Action["type"]]: ActionRunner<Extract<Action, { type: T }>> };

/** The lines `forEach` goes through (a list of the record), or a single pass without a line. */
export function linesOf(ctx: RunContext, list: string | undefined): (ScopeRecord | null)[] {
  if (list === undefined) return [null];
  const lines = ctx.scope.record[list];
  return Array.isArray(lines) ? (lines as ScopeRecord[]) : [];
}
