/**
 * What the /admin/rules screens show: the rules with their trigger in words and how their runs
 * went, and for the editor the tables and fields a rule can use.
 */
import { inLanguage } from "@runtime/i18n/schema-translations";
import type { Words } from "@runtime/i18n/words";
import type { RuleRun } from "@runtime/automation/types";
import { isDated } from "@runtime/fields/registry";
import { isAutonumber, isFormula, relationTarget } from "@runtime/fields/structure";
import { operatorsOf } from "@runtime/records/filter";
import { requireAdmin, type Actor } from "@runtime/records/permissions";
import { USERS_TABLE } from "@runtime/schema/types";
import type { CompiledTable } from "@runtime/schema/compile";
import type { EditorTable, RuleDraft, RuleEditorData } from "../components/rules/editor-types";
import { describeTrigger } from "../components/rules/rule-text";
import { getRuleAs, listRulesAs, updateRuleAs } from "./rules.server";
import { getRuntime } from "./runtime.server";

export interface RuleListEntry {
  id: number;
  name: string;
  description: string | null;
  table: string;
  tableLabel: string;
  trigger: string;
  enabled: boolean;
  version: number;
  problems: number;
  lastRun: Pick<RuleRun, "state" | "createdAt"> | null;
  failures: number;
}

function editorTable(table: CompiledTable): EditorTable {
  return {
    key: table.key,
    label: table.label,
    pluralLabel: table.pluralLabel,
    lists: table.lists.map((l) => l.name),
    fields: table.fields.map((f) => {
      return {
        ...f,
        sortable: false,
        listable: false,
        operators: [...operatorsOf(f)],
        writable: !isFormula(f) && !isAutonumber(f),
        dated: isDated(f.def),
        user: relationTarget(f) === USERS_TABLE,
        target: relationTarget(f) ?? null,
      };
    }),
  };
}

/** Every rule for the list, with its last run and how many of its runs failed. */
export async function ruleListAs(actor: Actor, t?: Words, language = "en"): Promise<{ rules: RuleListEntry[]; failed: RuleRun[] }> {
  const runtime = await getRuntime();
  const { compiled } = inLanguage(await runtime.workspace.current(), language);
  const rules = await listRulesAs(actor);
  const { automation } = runtime;
  const entries = await Promise.all(
    rules.map(async (rule): Promise<RuleListEntry> => {
      const table = compiled.tablesByKey.get(rule.table);
      const labelOf = (key: string) => table?.fieldsByKey.get(key)?.label ?? key;
      const [last] = await automation.rules.runs(rule.id, { limit: 1 });
      const failed = await automation.rules.runs(rule.id, { state: "failed", limit: 500 });
      return {
        id: rule.id,
        name: rule.name,
        description: rule.description ?? null,
        table: rule.table,
        tableLabel: table?.pluralLabel ?? rule.table,
        trigger: describeTrigger(rule.trigger, table?.label ?? rule.table, labelOf, t),
        enabled: rule.enabled,
        version: rule.version,
        problems: rule.problems.length,
        lastRun: last ? { state: last.state, createdAt: last.createdAt } : null,
        failures: failed.length,
      };
    }),
  );
  return { rules: entries, failed: await automation.rules.failedRuns(50) };
}

const BLANK: RuleDraft = {
  name: "",
  table: "",
  enabled: false,
  trigger: { type: "created" },
  actions: [],
};

/**
 * The editor's data: the rule (a blank one for `new`), the tables it can use (named in the
 * admin's `language`; the rule refers to them by key), its latest runs.
 */
export async function ruleEditorDataAs(actor: Actor, id: string | undefined, language = "en"): Promise<RuleEditorData> {
  requireAdmin(actor, "manageRules");
  const runtime = await getRuntime();
  const { compiled } = inLanguage(await runtime.workspace.current(), language);
  const tables = compiled.tables.filter((t) => !t.parent && t.key !== USERS_TABLE).map(editorTable);
  const today = new Date().toISOString().slice(0, 10);
  if (id === undefined || id === "new") return { rule: { ...BLANK, table: tables[0]?.key ?? "" }, tables, runs: [], today };
  const { id: ruleId, version, name, description, table, enabled, trigger, condition, previous, actions } = await getRuleAs(actor, id);
  const rule: RuleDraft = { id: ruleId, version, name, table, enabled, trigger, actions };
  if (description !== undefined) rule.description = description;
  if (condition !== undefined) rule.condition = condition;
  if (previous !== undefined) rule.previous = previous;
  return { rule, tables, runs: await runtime.automation.rules.runs(ruleId, { limit: 50 }), today };
}

/** Switches a rule on or off from the list, as an edit of its stored definition. */
/** Turns a rule on or off; answers what happened, in the reader's words (`t`) or English. */
export async function setRuleEnabledAs(actor: Actor, id: unknown, enabled: boolean, t?: Words): Promise<string> {
  const rule = await getRuleAs(actor, id);
  await updateRuleAs(actor, rule.id, { ...rule, enabled });
  if (t) return t(enabled ? "rules.list.turnedOn" : "rules.list.turnedOff", { name: rule.name });
  return `${enabled ? "Enabled" : "Disabled"} “${rule.name}”.`;
}
