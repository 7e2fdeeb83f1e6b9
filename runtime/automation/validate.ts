import Ajv2020 from "ajv/dist/2020";
import { ApiError } from "../errors";
import { fieldKinds, valueKindOf } from "../fields/registry";
import { isRelation, relationTarget } from "../fields/structure";
import { parseFilter, type FilterNode } from "../records/filter";
import { describeAjvError } from "../schema/ajv-messages";
import type { CompiledField, CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import { ruleDefinitionSchema } from "./definition-schema";
import { isConstant, templateSyntaxError } from "./liquid";
import type { Action, RequestApprovalAction, RuleDefinition, RuleProblem } from "./types";
import { ruleProblem } from "./problem-words";

/**
 * Checks a rule definition: its shape with ajv, then against the current schema — every table and
 * field it names exists and may be written, every filter fits its table, every Liquid template
 * parses. Each problem names its place (`/actions/0/values/due`) and says how to fix it. Pure.
 */

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateShape = ajv.compile<RuleDefinition>(ruleDefinitionSchema);

/** The rule as the engine runs it: filters parsed and fields looked up against one schema version. */
export interface CompiledRule {
  definition: RuleDefinition;
  table: CompiledTable;
  condition: FilterNode | null;
  previous: FilterNode | null;
  /** Date triggers: the field, and whether its values have a time of day (date-time) or not (date). */
  dateField: { key: string; withTime: boolean } | null;
  /** The request-approval action that makes this rule a guard, with its index. */
  guard: { action: RequestApprovalAction; index: number } | null;
}

export type CompileResult = { ok: true; rule: CompiledRule } | { ok: false; problems: RuleProblem[] };

const SYSTEM_KEYS = new Set(["id", "version", "created_at", "updated_at", "created_by", "updated_by"]);

/** Whether `raw` has the shape of a definition; its problems otherwise. */
export function shapeProblems(raw: unknown): RuleProblem[] {
  if (validateShape(raw)) return [];
  const problems: RuleProblem[] = [];
  for (const e of validateShape.errors ?? []) {
    // The branch chosen by `type` reports its own errors; "must match then" adds nothing.
    if (e.keyword === "if") continue;
    const path = e.instancePath || "/";
    // An unknown property is said as a catalog phrase; ajv's other messages stay as ajv says them.
    let unknown: RuleProblem | null = null;
    const message = describeAjvError(e, {
      unknownProperty: (name) => (unknown = ruleProblem(path, path === "/" ? "notPartOfRule" : "notPartOfThis", { name })).message,
    });
    if (!problems.some((p) => p.path === path && p.message === message)) problems.push(unknown ?? { path, message });
  }
  return problems;
}

/** Whether a field holds dates (`{ withTime: false }`), date-times, or neither (null): asks its kind what its values look like. */
export function dateValuesOf(field: CompiledField): { withTime: boolean } | null {
  const format = valueKindOf(field.def).valueSchema(field.def).format;
  return format === "date" ? { withTime: false } : format === "date-time" ? { withTime: true } : null;
}

const isUserRelation = (f: CompiledField) => isRelation(f) && relationTarget(f) === USERS_TABLE;

/** Compiles a definition that has the right shape; every problem against `compiled` otherwise. */
export function compileDefinition(definition: RuleDefinition, compiled: CompiledSchema): CompileResult {
  const problems: RuleProblem[] = [];
  const problem = (path: string, key: string, values: Record<string, unknown> = {}) => problems.push(ruleProblem(path, key, values));
  /** A message the checker has no phrase for (a field kind's parse error), as it is. */
  const said = (path: string, message: string) => problems.push({ path, message });
  const table = compiled.tablesByKey.get(definition.table);
  if (!table) {
    problem("/table", "noTableOf", { table: definition.table, tables: [...compiled.tablesByKey.keys()].join(", ") });
    return { ok: false, problems };
  }

  const filter = (path: string, raw: unknown, on: CompiledTable): FilterNode | null => {
    try {
      return parseFilter(on, raw);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem(path, "badFilter", { error: error.message, table: on.pluralLabel });
      return null;
    }
  };
  const template = (path: string, text: string) => {
    const error = templateSyntaxError(text);
    if (error) problem(path, "badTemplate", { error, output: "{{ … }}", tag: "{% … %}" });
  };

  // Trigger.
  const trigger = definition.trigger;
  let dateField: CompiledRule["dateField"] = null;
  if (trigger.type === "updated")
    trigger.fields?.forEach((key, i) => {
      if (!table.fieldsByKey.has(key)) unknownField(`/trigger/fields/${i}`, table, key);
    });
  if (trigger.type === "date") {
    const f = table.fieldsByKey.get(trigger.field);
    const values = f ? dateValuesOf(f) : null;
    if (!f) unknownField("/trigger/field", table, trigger.field);
    else if (!values) problem("/trigger/field", "notDate", { field: trigger.field });
    else dateField = { key: f.key, withTime: values.withTime };
  }
  if (trigger.type === "schedule") {
    if (trigger.weekday !== undefined && trigger.every !== "week") problem("/trigger/weekday", "weekdayOnly");
    if (trigger.day !== undefined && trigger.every !== "month") problem("/trigger/day", "dayOnly");
  }

  const condition = definition.condition === undefined ? null : filter("/condition", definition.condition, table);
  let previous: FilterNode | null = null;
  if (definition.previous !== undefined) {
    if (trigger.type !== "updated") problem("/previous", "previousOnly");
    else previous = filter("/previous", definition.previous, table);
  }

  // Actions.
  const names = new Set<string>();
  let guard: CompiledRule["guard"] = null;
  definition.actions.forEach((action, i) => {
    const at = `/actions/${i}`;
    if (action.when !== undefined) template(`${at}/when`, action.when);
    checkAction(action, at, i);
  });

  function lineTable(path: string, listName: string | undefined): CompiledTable | null {
    if (listName === undefined) return null;
    const list = table!.lists.find((l) => l.name === listName);
    if (!list) {
      const lists = table!.lists.map((l) => l.name);
      if (lists.length) problem(path, "noListOf", { table: table!.pluralLabel, list: listName, lists: lists.join(", ") });
      else problem(path, "noList", { table: table!.pluralLabel, list: listName });
      return null;
    }
    return compiled.tablesByKey.get(list.table) ?? null;
  }

  function values(path: string, target: CompiledTable | null, vals: Record<string, string> | undefined) {
    for (const [key, text] of Object.entries(vals ?? {})) {
      template(`${path}/${key}`, text);
      if (!target) continue;
      const f = target.fieldsByKey.get(key);
      if (!f) unknownField(`${path}/${key}`, target, key);
      else if (fieldKinds[f.kind].readOnly) problem(`${path}/${key}`, "computed", { field: key, table: target.pluralLabel });
      else if (SYSTEM_KEYS.has(key)) problem(`${path}/${key}`, "system", { field: key });
      else if (isConstant(text) && text.trim() !== "") {
        const parsed = valueKindOf(f.def).parseText(text, f.def);
        if (!parsed.ok) said(`${path}/${key}`, parsed.error);
      }
    }
  }

  function checkAction(action: Action, at: string, index: number) {
    switch (action.type) {
      case "create": {
        const target = compiled.tablesByKey.get(action.table) ?? null;
        if (!target) problem(`${at}/table`, "noTable", { table: action.table });
        lineTable(`${at}/forEach`, action.forEach);
        values(`${at}/values`, target, action.values);
        if (action.reuse) values(`${at}/reuse/match`, target, action.reuse.match);
        if (action.as !== undefined) {
          if (names.has(action.as)) problem(`${at}/as`, "nameTaken", { name: action.as });
          names.add(action.as);
        }
        return;
      }
      case "update": {
        const line = lineTable(`${at}/forEach`, action.forEach);
        const target = updateTarget(`${at}/target`, action.target ?? "record", line, !!action.forEach);
        values(`${at}/values`, target, action.values);
        return;
      }
      case "assign": {
        const f = table!.fieldsByKey.get(action.field);
        if (!f) unknownField(`${at}/field`, table!, action.field);
        else if (!isUserRelation(f)) problem(`${at}/field`, "notUserField", { field: action.field });
        action.routes?.forEach((r, j) => {
          filter(`${at}/routes/${j}/when`, r.when, table!);
          if (typeof r.user === "string" && !/^[^@\s]+@[^@\s]+$/.test(r.user))
            problem(`${at}/routes/${j}/user`, "badUser", { user: r.user.slice(0, 60) });
        });
        if (!action.pool && !action.routes?.length) problem(at, "routesOrPool");
        if (action.workload) {
          const w = compiled.tablesByKey.get(action.workload.table);
          if (!w) problem(`${at}/workload/table`, "noTable", { table: action.workload.table });
          else {
            const wf = w.fieldsByKey.get(action.workload.field);
            if (!wf) unknownField(`${at}/workload/field`, w, action.workload.field);
            else if (!isUserRelation(wf)) problem(`${at}/workload/field`, "notUserLink", { field: action.workload.field });
            if (action.workload.open !== undefined) filter(`${at}/workload/open`, action.workload.open, w);
          }
          if (!action.pool) problem(`${at}/workload`, "workloadPool");
        }
        return;
      }
      case "closeTasks":
        for (const [key, text] of Object.entries(action.values ?? {})) template(`${at}/values/${key}`, text);
        if (action.of !== undefined) relationTable(`${at}/of`, table!, action.of);
        return;
      case "notify":
        template(`${at}/to`, action.to);
        if (isConstant(action.to)) action.to.split(",").forEach((spec) => checkUserSpec(`${at}/to`, spec.trim()));
        template(`${at}/title`, action.title);
        if (action.href !== undefined) template(`${at}/href`, action.href);
        return;
      case "requestApproval":
        if (trigger.type !== "updated") problem(`${at}`, "approvalTrigger");
        if (guard) problem(at, "oneApproval");
        guard = { action, index };
        template(`${at}/message`, action.message);
        action.steps.forEach((s, j) => checkUserSpec(`${at}/steps/${j}/approver`, s.approver));
        return;
    }
  }

  function updateTarget(path: string, target: string, line: CompiledTable | null, inForEach: boolean): CompiledTable | null {
    if (target === "record") return table!;
    if (target.startsWith("created.")) {
      const name = target.slice("created.".length);
      const creator = definition.actions.find((a) => a.type === "create" && a.as === name);
      if (!creator || creator.type !== "create") {
        problem(path, "noCreate", { name });
        return null;
      }
      return compiled.tablesByKey.get(creator.table) ?? null;
    }
    if (target === "line" || target.startsWith("line.")) {
      if (!inForEach) {
        problem(path, "needsForEach", { target });
        return null;
      }
      if (!line) return null;
      if (target === "line") return line;
      return relationTable(path, line, target.slice("line.".length));
    }
    return relationTable(path, table!, target);
  }

  function relationTable(path: string, on: CompiledTable, key: string): CompiledTable | null {
    const f = on.fieldsByKey.get(key);
    if (!f) {
      unknownField(path, on, key);
      return null;
    }
    const target = relationTarget(f);
    if (!target || target === USERS_TABLE) {
      problem(path, "notRecordLink", { field: key });
      return null;
    }
    return compiled.tablesByKey.get(target) ?? null;
  }

  /** A user id, "role:<key>" or a path of relations ending at a user field. */
  function checkUserSpec(path: string, spec: string) {
    if (spec === "" || /^\d+$/.test(spec) || /^role:[a-z][a-z0-9_]{0,31}$/.test(spec)) {
      if (spec === "") problem(path, "nameUser");
      return;
    }
    let on: CompiledTable | null = table!;
    const keys = spec.split(".");
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!on) {
        if (key !== "supervisor" || i !== keys.length - 1) problem(path, "supervisorOnly", { spec });
        return;
      }
      const f: CompiledField | undefined = on.fieldsByKey.get(key);
      if (!f || !isRelation(f)) {
        problem(path, "notLink", { spec, key, table: on.pluralLabel });
        return;
      }
      const target: string = relationTarget(f)!;
      on = target === USERS_TABLE ? null : (compiled.tablesByKey.get(target) ?? null);
      if (target !== USERS_TABLE && !on) return;
    }
    if (on) problem(path, "leadsTo", { spec, table: on.pluralLabel });
  }

  /** A field `table` does not have, with the ones it does (at most 30). */
  function unknownField(path: string, on: CompiledTable, key: string) {
    const keys = on.fields.map((f) => f.key);
    if (keys.length) problem(path, "noFieldOf", { table: on.pluralLabel, field: key, fields: keys.slice(0, 30).join(", ") });
    else problem(path, "noField", { table: on.pluralLabel, field: key });
  }

  if (problems.length) return { ok: false, problems };
  return { ok: true, rule: { definition, table, condition, previous, dateField, guard } };
}

/** Every problem of a definition (shape first: nothing else can be checked on the wrong shape). */
export function definitionProblems(raw: unknown, compiled: CompiledSchema): RuleProblem[] {
  const shape = shapeProblems(raw);
  if (shape.length) return shape;
  const result = compileDefinition(raw as RuleDefinition, compiled);
  return result.ok ? [] : result.problems;
}
