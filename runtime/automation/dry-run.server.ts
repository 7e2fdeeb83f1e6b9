import type { Knex } from "knex";
import { dbNow } from "../db/system-tables.server";
import { requireAdmin, type Actor } from "../records/permissions";
import { applyFilter } from "../records/query.server";
import { titleOf } from "../records/titles";
import type { CompiledSchema } from "../schema/compile";
import { asDryRun } from "./dry-run-scope";
import { dueQuery, runBatch, type BatchResult, type DueItem } from "./due.server";
import type { LoadedRule } from "./rules.server";
import type { EngineDeps } from "./run.server";
import { AUTOMATION_TABLES } from "./tables.server";
import type { DryRunResult, RuleDefinition } from "./types";
import { compileDefinition, definitionProblems } from "./validate";
import { automationRefusal, problemRefusal } from "./automation-words";

/**
 * A dry run is a real run that is rolled back. The rule (or an unsaved definition, stored for the
 * moment inside the transaction) runs through the same code as the clock or an event would run it
 * — the same records, values, routing, find-or-create — and everything it wrote, its run log and
 * its notifications are then undone. So what it reports is exactly what enabling the rule would
 * do now: nothing is simulated twice, and nothing can drift between the two. Records created in
 * it get ids that are given back; MariaDB does not reuse them.
 */

class Rollback extends Error {
  constructor(readonly result: DryRunResult) {
    super("dry run: rolled back");
  }
}

export interface DryRunInput {
  /** A stored rule. */
  id?: number;
  /** An unsaved definition (with `id`: the stored rule as it would be after this edit). */
  definition?: unknown;
  /** At most this many records are tried (default 20). */
  limit?: number;
}

export async function dryRun(deps: EngineDeps, actor: Actor, input: DryRunInput): Promise<DryRunResult> {
  requireAdmin(actor, "tryRules");
  const limit = Math.min(Math.max(1, input.limit ?? 20), 200);
  const { compiled } = await deps.workspace.current({ fresh: true });
  let definition: RuleDefinition;
  if (input.definition !== undefined) {
    const problems = definitionProblems(input.definition, compiled);
    if (problems.length) throw problemRefusal("invalidRule", problems);
    definition = input.definition as RuleDefinition;
  } else if (input.id !== undefined) {
    const rule = (await deps.db(AUTOMATION_TABLES.rules).where({ id: input.id }).first()) as
      { definition: string; name: string; table_id: string } | undefined;
    if (!rule) throw automationRefusal(400, "noRule", { id: input.id });
    const stored = JSON.parse(rule.definition) as RuleDefinition;
    definition = { ...stored, name: rule.name, table: compiled.tablesById.get(rule.table_id)?.key ?? stored.table };
  } else throw automationRefusal(400, "nameRule");
  const compiledRule = compileDefinition(definition, compiled);
  if (!compiledRule.ok) throw problemRefusal("unfit", compiledRule.problems);
  const table = compiledRule.rule.table;

  try {
    await asDryRun(() =>
      deps.records.transaction(async (tx, trx) => {
        const id = await ruleRow(trx, deps, input.id, definition, table.id);
        const rule: LoadedRule = { id, name: definition.name, version: 0, tableId: table.id, enabledAt: null, compiled: compiledRule.rule };
        const items = await matching(deps, trx, compiled, rule, limit + 1);
        const truncated = items.length > limit;
        const tried = items.slice(0, limit);
        const titles = await titlesOf(
          trx,
          compiled,
          rule,
          tried.map((i) => i.id),
        );
        const result: BatchResult = await runBatch(deps, compiled, rule, tried, definition.trigger.type, {
          dry: true,
          within: { tx, trx },
        });
        throw new Rollback({
          matches: tried.map((i) => ({ id: i.id, title: titles.get(i.id) ?? `#${i.id}` })),
          // Created records' ids are given back with the rollback: they are not part of the answer.
          actions: result.outcomes.map((o) => (o.type === "create" && !o.reused ? { ...o, target: null } : o)),
          errors: result.failures,
          truncated,
        });
      }),
    );
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
  throw new Error("a dry run must end in its rollback");
}

/** The rule's row inside the dry run's transaction: the stored one (with the edited definition), or a new one. */
async function ruleRow(trx: Knex.Transaction, deps: EngineDeps, id: number | undefined, definition: RuleDefinition, tableId: string) {
  const t = dbNow(deps.now());
  const row = { table_id: tableId, enabled: true, definition: JSON.stringify(definition), updated_at: t };
  if (id !== undefined && (await trx(AUTOMATION_TABLES.rules).where({ id }).update(row)) === 1) return id;
  const [created] = await trx(AUTOMATION_TABLES.rules).insert({
    ...row,
    name: `${definition.name} (dry run ${Date.now()})`.slice(0, 200),
    version: 1,
    created_at: t,
  });
  return Number(created);
}

/** What the rule would act on now: the due records of a date or schedule rule, otherwise the records meeting its condition. */
async function matching(
  deps: EngineDeps,
  trx: Knex.Transaction,
  compiled: CompiledSchema,
  rule: LoadedRule,
  limit: number,
): Promise<DueItem[]> {
  const table = compiled.tablesById.get(rule.tableId)!;
  const { trigger } = rule.compiled.definition;
  if (trigger.type === "date" || trigger.type === "schedule") {
    const due = dueQuery({ db: trx, timeZone: deps.timeZone }, rule, table, deps.now());
    return due ? due.query(0, limit) : [];
  }
  const q = trx(table.key).select(`${table.key}.id`).orderBy(`${table.key}.id`, "desc").limit(limit);
  if (rule.compiled.condition) applyFilter(q, rule.compiled.condition, table.key);
  return ((await q) as { id: number }[]).map((r) => ({ id: Number(r.id), occurrence: "dry-run" }));
}

async function titlesOf(trx: Knex.Transaction, compiled: CompiledSchema, rule: LoadedRule, ids: number[]): Promise<Map<number, string>> {
  const table = compiled.tablesById.get(rule.tableId)!;
  if (ids.length === 0) return new Map();
  const rows = (await trx(table.key).whereIn("id", ids)) as Record<string, unknown>[];
  return new Map(rows.map((r) => [Number(r.id), titleOf(table, r)]));
}
