import type { Knex } from "knex";
import { isUniqueViolation } from "../db/db-errors";
import { dbNow } from "../db/system-tables.server";
import { requireAdmin, type Actor } from "../records/permissions";
import { parseId, parseVersion } from "../records/params";
import { systemTimeToJson } from "../records/rows";
import type { WriteAction } from "../records/hooks";
import type { CompiledSchema } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { followRenamesInRule } from "./renames";
import { AUTOMATION_TABLES } from "./tables.server";
import type { Rule, RuleDefinition, RuleProblem } from "./types";
import { compileDefinition, definitionProblems, shapeProblems, type CompiledRule } from "./validate";
import { automationRefusal, problemRefusal } from "./automation-words";

/**
 * Rules in `crm_rules`: CRUD with versions for the admin, and for the engine an index of the
 * enabled ones by table and trigger, compiled against the schema in force. A stored definition
 * names its table by key, but the row keeps the table's id, and reading a rule gives the table's
 * current key: a renamed table keeps its rules.
 */

interface RuleRow {
  id: number;
  name: string;
  table_id: string;
  enabled: number | boolean;
  definition: string;
  version: number;
  enabled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** An enabled rule that fits the current schema, ready to run. */
export interface LoadedRule {
  id: number;
  name: string;
  version: number;
  tableId: string;
  /** Schedules do not run slots from before this. */
  enabledAt: Date | null;
  compiled: CompiledRule;
}

/** The enabled rules by table id and write action (created / updated / deleted), and those the clock triggers. */
export interface RulesIndex {
  schemaVersion: number;
  loadedAt: number;
  byTable: Map<string, Map<WriteAction, LoadedRule[]>>;
  timed: LoadedRule[];
  byId: Map<number, LoadedRule>;
}

export interface RulesService {
  list(): Promise<Rule[]>;
  get(id: unknown): Promise<Rule>;
  /** Admins only; 422 with `details.problems` when the definition has problems, 409 for a name in use. */
  create(actor: Actor, input: unknown): Promise<Rule>;
  /** Replaces the definition; `expectedVersion` is the version the admin edited (409 when stale). */
  update(actor: Actor, id: unknown, input: unknown, expectedVersion: unknown): Promise<Rule>;
  remove(actor: Actor, id: unknown): Promise<void>;
  /**
   * A configuration bundle's rules, inside its transaction `q`: each replaces the rule of its name
   * (case aside) or is added; others stay. Checked against `compiled`, the schema the import
   * brings. Admins only.
   */
  importByName(q: Knex, actor: Actor, definitions: RuleDefinition[], compiled: CompiledSchema): Promise<void>;
  /** Every problem of a definition against the current schema (none: it can be saved). */
  validate(input: unknown): Promise<RuleProblem[]>;
  /**
   * After a schema change: every rule follows the table and field keys it renamed (matched by id
   * against `before`, the schema the change started from). Answers how many rules changed.
   */
  followRenames(before: CompiledSchema): Promise<number>;
}

export interface RulesStore extends RulesService {
  /** The index the records hook reads on every write; reloaded (inside `q`) when older than `checkMs`, the schema changed, or `fresh`. */
  index(q: Knex, compiled: CompiledSchema, options?: { fresh?: boolean }): Promise<RulesIndex>;
  /** One enabled rule as it is stored now (not from the index), or null when it is gone, disabled or broken. */
  loadEnabled(q: Knex, id: number, compiled: CompiledSchema): Promise<LoadedRule | null>;
  /** Forgets the index: the next write reloads it. */
  invalidate(): void;
}

export interface RulesStoreOptions {
  workspace: Pick<WorkspaceService, "current">;
  now: () => Date;
  /** How long the index is trusted before a write reloads it (changes made through this store are seen at once). */
  checkMs: number;
}

const parse = (text: string): RuleDefinition => JSON.parse(text) as RuleDefinition;

/** The definition as the admin sees it: its table by current key, name and enabled from their columns. */
function definitionOf(row: RuleRow, compiled: CompiledSchema): RuleDefinition {
  const stored = parse(row.definition);
  return { ...stored, name: row.name, enabled: Boolean(row.enabled), table: compiled.tablesById.get(row.table_id)?.key ?? stored.table };
}

/** A rule's definition and nothing else (no id, version or stamps): what the rules API takes and a bundle carries. */
export function definitionOnly(rule: RuleDefinition): RuleDefinition {
  const { name, description, table, enabled, trigger, condition, previous, actions } = rule;
  return {
    name,
    ...(description !== undefined ? { description } : {}),
    table,
    enabled,
    trigger,
    ...(condition !== undefined ? { condition } : {}),
    ...(previous !== undefined ? { previous } : {}),
    actions,
  };
}

function toRule(row: RuleRow, compiled: CompiledSchema): Rule {
  const definition = definitionOf(row, compiled);
  const result = compileDefinition(definition, compiled);
  return {
    id: Number(row.id),
    version: Number(row.version),
    ...definitionOnly(definition),
    createdAt: systemTimeToJson(row.created_at)!,
    updatedAt: systemTimeToJson(row.updated_at)!,
    problems: result.ok ? [] : result.problems,
  };
}

function loaded(row: RuleRow, compiled: CompiledSchema): LoadedRule | null {
  const result = compileDefinition(definitionOf(row, compiled), compiled);
  if (!result.ok) return null;
  return {
    id: Number(row.id),
    name: row.name,
    version: Number(row.version),
    tableId: row.table_id,
    enabledAt: row.enabled_at ? new Date(systemTimeToJson(row.enabled_at)!) : null,
    compiled: result.rule,
  };
}

const WRITE_ACTIONS: Partial<Record<string, WriteAction>> = { created: "created", updated: "updated", deleted: "deleted" };

export function createRulesStore(db: Knex, options: RulesStoreOptions): RulesStore {
  const { workspace, now, checkMs } = options;
  let cached: RulesIndex | null = null;
  /** Bumped by every change here, so an index loaded before it is not kept. */
  let generation = 0;

  async function checked(input: unknown, compiled: CompiledSchema): Promise<RuleDefinition> {
    const problems = definitionProblems(input, compiled);
    if (problems.length) throw problemRefusal("invalidRule", problems);
    return input as RuleDefinition;
  }

  async function getRow(q: Knex, id: number): Promise<RuleRow> {
    const row = (await q(AUTOMATION_TABLES.rules).where({ id }).first()) as RuleRow | undefined;
    if (!row) throw automationRefusal(404, "noRule", { id });
    return row;
  }

  const nameTaken = (name: string) => automationRefusal(409, "nameTaken", { name });

  async function load(q: Knex, compiled: CompiledSchema): Promise<RulesIndex> {
    const started = generation;
    const rows = (await q(AUTOMATION_TABLES.rules).where({ enabled: true }).orderBy("id")) as RuleRow[];
    const reuse = cached?.schemaVersion === compiled.version ? cached.byId : new Map<number, LoadedRule>();
    const index: RulesIndex = {
      schemaVersion: compiled.version,
      loadedAt: performance.now(),
      byTable: new Map(),
      timed: [],
      byId: new Map(),
    };
    for (const row of rows) {
      const prior = reuse.get(Number(row.id));
      const rule = prior && prior.version === Number(row.version) ? prior : loaded(row, compiled);
      if (!rule) continue;
      index.byId.set(rule.id, rule);
      const action = WRITE_ACTIONS[rule.compiled.definition.trigger.type];
      if (!action) {
        if (rule.compiled.definition.trigger.type !== "manual") index.timed.push(rule);
        continue;
      }
      let byAction = index.byTable.get(rule.tableId);
      if (!byAction) index.byTable.set(rule.tableId, (byAction = new Map()));
      byAction.set(action, [...(byAction.get(action) ?? []), rule]);
    }
    if (started === generation) cached = index;
    return index;
  }

  const store: RulesStore = {
    async list() {
      const { compiled } = await workspace.current();
      return ((await db(AUTOMATION_TABLES.rules).orderBy("name")) as RuleRow[]).map((r) => toRule(r, compiled));
    },

    async get(rawId) {
      const { compiled } = await workspace.current();
      return toRule(await getRow(db, parseId(rawId)), compiled);
    },

    async create(actor, input) {
      requireAdmin(actor, "createRules");
      const { compiled } = await workspace.current({ fresh: true });
      const definition = await checked(input, compiled);
      const t = dbNow(now());
      const table = compiled.tablesByKey.get(definition.table)!;
      try {
        const [id] = await db(AUTOMATION_TABLES.rules).insert({
          name: definition.name.trim(),
          table_id: table.id,
          enabled: definition.enabled,
          definition: JSON.stringify(definition),
          version: 1,
          enabled_at: definition.enabled ? t : null,
          created_at: t,
          updated_at: t,
          created_by: actor.id,
          updated_by: actor.id,
        });
        store.invalidate();
        return toRule(await getRow(db, Number(id)), compiled);
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(definition.name);
        throw error;
      }
    },

    async update(actor, rawId, input, rawVersion) {
      requireAdmin(actor, "changeRules");
      const id = parseId(rawId);
      const expected = parseVersion(rawVersion);
      const { compiled } = await workspace.current({ fresh: true });
      const definition = await checked(input, compiled);
      const current = await getRow(db, id);
      const t = dbNow(now());
      const table = compiled.tablesByKey.get(definition.table)!;
      try {
        const n = await db(AUTOMATION_TABLES.rules)
          .where({ id, version: expected })
          .update({
            name: definition.name.trim(),
            table_id: table.id,
            enabled: definition.enabled,
            definition: JSON.stringify(definition),
            version: expected + 1,
            enabled_at: definition.enabled ? (current.enabled ? current.enabled_at : t) : null,
            updated_at: t,
            updated_by: actor.id,
          });
        if (n !== 1) {
          const fresh = await getRow(db, id);
          throw automationRefusal(
            409,
            "stale",
            { name: fresh.name, edited: expected, current: fresh.version },
            { current: toRule(fresh, compiled) },
          );
        }
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(definition.name);
        throw error;
      }
      store.invalidate();
      return toRule(await getRow(db, id), compiled);
    },

    async remove(actor, rawId) {
      requireAdmin(actor, "deleteRules");
      const id = parseId(rawId);
      const n = await db(AUTOMATION_TABLES.rules).where({ id }).delete();
      if (n !== 1) throw automationRefusal(404, "noRule", { id });
      store.invalidate();
    },

    async importByName(q, actor, definitions, compiled) {
      requireAdmin(actor, "importRules");
      const rows = (await q(AUTOMATION_TABLES.rules).select("id", "name", "enabled", "enabled_at", "version")) as RuleRow[];
      const byName = new Map(rows.map((r) => [r.name.trim().toLowerCase(), r]));
      const t = dbNow(now());
      for (const input of definitions) {
        const definition = await checked(input, compiled);
        const table = compiled.tablesByKey.get(definition.table)!;
        const current = byName.get(definition.name.trim().toLowerCase());
        const values = {
          name: definition.name.trim(),
          table_id: table.id,
          enabled: definition.enabled,
          definition: JSON.stringify(definition),
          updated_at: t,
          updated_by: actor.id,
        };
        if (current)
          await q(AUTOMATION_TABLES.rules)
            .where({ id: current.id })
            .update({
              ...values,
              version: Number(current.version) + 1,
              enabled_at: definition.enabled ? (current.enabled ? current.enabled_at : t) : null,
            });
        else
          await q(AUTOMATION_TABLES.rules).insert({
            ...values,
            version: 1,
            enabled_at: definition.enabled ? t : null,
            created_at: t,
            created_by: actor.id,
          });
      }
      store.invalidate();
    },

    async validate(input) {
      const { compiled } = await workspace.current();
      const shape = shapeProblems(input);
      return shape.length ? shape : definitionProblems(input, compiled);
    },

    async index(q, compiled, { fresh = false } = {}) {
      const index = cached;
      if (!fresh && index && index.schemaVersion === compiled.version && performance.now() - index.loadedAt < checkMs) return index;
      return load(q, compiled);
    },

    async loadEnabled(q, id, compiled) {
      const row = (await q(AUTOMATION_TABLES.rules).where({ id, enabled: true }).first()) as RuleRow | undefined;
      return row ? loaded(row, compiled) : null;
    },

    async followRenames(before) {
      const { compiled: after } = await workspace.current({ fresh: true });
      let changed = 0;
      for (const row of (await db(AUTOMATION_TABLES.rules).orderBy("id")) as RuleRow[]) {
        const stored = parse(row.definition);
        // Stored keys are those of the schema the rule was last saved against, which `before` is.
        const followed = followRenamesInRule({ ...stored, table: before.tablesById.get(row.table_id)?.key ?? stored.table }, before, after);
        if (JSON.stringify(followed) === JSON.stringify(stored)) continue;
        await db(AUTOMATION_TABLES.rules)
          .where({ id: row.id })
          .update({ definition: JSON.stringify(followed), updated_at: dbNow(now()) });
        changed++;
      }
      if (changed) store.invalidate();
      return changed;
    },

    invalidate() {
      generation++;
      cached = null;
    },
  };
  return store;
}
