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
    const message = describeAjvError(e, {
      unknownProperty: (name) =>
        `"${name}" is not part of ${path === "/" ? "a rule" : "this part of a rule"}: remove it or check its spelling`,
    });
    if (!problems.some((p) => p.path === path && p.message === message)) problems.push({ path, message });
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
  const problem = (path: string, message: string) => problems.push({ path, message });
  const table = compiled.tablesByKey.get(definition.table);
  if (!table) {
    problem("/table", `there is no table "${definition.table}": use one of ${[...compiled.tablesByKey.keys()].join(", ")}`);
    return { ok: false, problems };
  }

  const filter = (path: string, raw: unknown, on: CompiledTable): FilterNode | null => {
    try {
      return parseFilter(on, raw);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem(path, `${error.message} (a filter on ${on.pluralLabel})`);
      return null;
    }
  };
  const template = (path: string, text: string) => {
    const error = templateSyntaxError(text);
    if (error) problem(path, `the template does not parse: ${error}. Check its {{ … }} and {% … %} tags`);
  };

  // Trigger.
  const trigger = definition.trigger;
  let dateField: CompiledRule["dateField"] = null;
  if (trigger.type === "updated")
    trigger.fields?.forEach((key, i) => {
      if (!table.fieldsByKey.has(key)) problem(`/trigger/fields/${i}`, unknownField(table, key));
    });
  if (trigger.type === "date") {
    const f = table.fieldsByKey.get(trigger.field);
    const values = f ? dateValuesOf(f) : null;
    if (!f) problem("/trigger/field", unknownField(table, trigger.field));
    else if (!values) problem("/trigger/field", `"${trigger.field}" is not a date or date-time field: a date trigger needs one`);
    else dateField = { key: f.key, withTime: values.withTime };
  }
  if (trigger.type === "schedule") {
    if (trigger.weekday !== undefined && trigger.every !== "week") problem("/trigger/weekday", `"weekday" is for weekly schedules only`);
    if (trigger.day !== undefined && trigger.every !== "month") problem("/trigger/day", `"day" is for monthly schedules only`);
  }

  const condition = definition.condition === undefined ? null : filter("/condition", definition.condition, table);
  let previous: FilterNode | null = null;
  if (definition.previous !== undefined) {
    if (trigger.type !== "updated")
      problem("/previous", `"previous" (the values before the change) only exists for update triggers: remove it, or trigger on "updated"`);
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
      problem(path, `${table!.pluralLabel} have no list "${listName}"${lists.length ? `: use one of ${lists.join(", ")}` : ""}`);
      return null;
    }
    return compiled.tablesByKey.get(list.table) ?? null;
  }

  function values(path: string, target: CompiledTable | null, vals: Record<string, string> | undefined) {
    for (const [key, text] of Object.entries(vals ?? {})) {
      template(`${path}/${key}`, text);
      if (!target) continue;
      const f = target.fieldsByKey.get(key);
      if (!f) problem(`${path}/${key}`, unknownField(target, key));
      else if (fieldKinds[f.kind].readOnly)
        problem(`${path}/${key}`, `"${key}" of ${target.pluralLabel} is computed by Tessera and cannot be set`);
      else if (SYSTEM_KEYS.has(key)) problem(`${path}/${key}`, `"${key}" is kept by Tessera and cannot be set`);
      else if (isConstant(text) && text.trim() !== "") {
        const parsed = valueKindOf(f.def).parseText(text, f.def);
        if (!parsed.ok) problem(`${path}/${key}`, parsed.error);
      }
    }
  }

  function checkAction(action: Action, at: string, index: number) {
    switch (action.type) {
      case "create": {
        const target = compiled.tablesByKey.get(action.table) ?? null;
        if (!target) problem(`${at}/table`, `there is no table "${action.table}"`);
        lineTable(`${at}/forEach`, action.forEach);
        values(`${at}/values`, target, action.values);
        if (action.reuse) values(`${at}/reuse/match`, target, action.reuse.match);
        if (action.as !== undefined) {
          if (names.has(action.as)) problem(`${at}/as`, `another action is already called "${action.as}": give each its own name`);
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
        if (!f) problem(`${at}/field`, unknownField(table!, action.field));
        else if (!isUserRelation(f)) problem(`${at}/field`, `"${action.field}" is not a link to a user: assign sets a user field`);
        action.routes?.forEach((r, j) => {
          filter(`${at}/routes/${j}/when`, r.when, table!);
          if (typeof r.user === "string" && !/^[^@\s]+@[^@\s]+$/.test(r.user))
            problem(`${at}/routes/${j}/user`, `"${r.user.slice(0, 60)}" is neither a user id nor an email address: give one of them`);
        });
        if (!action.pool && !action.routes?.length) problem(at, `give "routes", a "pool" of users, or both`);
        if (action.workload) {
          const w = compiled.tablesByKey.get(action.workload.table);
          if (!w) problem(`${at}/workload/table`, `there is no table "${action.workload.table}"`);
          else {
            const wf = w.fieldsByKey.get(action.workload.field);
            if (!wf) problem(`${at}/workload/field`, unknownField(w, action.workload.field));
            else if (!isUserRelation(wf)) problem(`${at}/workload/field`, `"${action.workload.field}" is not a link to a user`);
            if (action.workload.open !== undefined) filter(`${at}/workload/open`, action.workload.open, w);
          }
          if (!action.pool) problem(`${at}/workload`, `a workload chooses among a "pool": add one`);
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
        if (trigger.type !== "updated")
          problem(`${at}`, `an approval guards a change: it needs an "updated" trigger (e.g. when status becomes "issued")`);
        if (guard) problem(at, `a rule asks for one approval: chain its steps instead of adding a second request`);
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
        problem(path, `no earlier create action is called "${name}" (its "as")`);
        return null;
      }
      return compiled.tablesByKey.get(creator.table) ?? null;
    }
    if (target === "line" || target.startsWith("line.")) {
      if (!inForEach) {
        problem(path, `"${target}" needs "forEach": the list whose lines to go through`);
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
      problem(path, unknownField(on, key));
      return null;
    }
    const target = relationTarget(f);
    if (!target || target === USERS_TABLE) {
      problem(path, `"${key}" is not a link to another record: an update changes the record, a linked record or a line`);
      return null;
    }
    return compiled.tablesByKey.get(target) ?? null;
  }

  /** A user id, "role:<key>" or a path of relations ending at a user field. */
  function checkUserSpec(path: string, spec: string) {
    if (spec === "" || /^\d+$/.test(spec) || /^role:[a-z][a-z0-9_]{0,31}$/.test(spec)) {
      if (spec === "") problem(path, `name a user: an id, a user field such as "owner" or "client.manager", or "role:admin"`);
      return;
    }
    let on: CompiledTable | null = table!;
    const keys = spec.split(".");
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!on) {
        if (key !== "supervisor" || i !== keys.length - 1)
          problem(path, `"${spec}": users have only "supervisor" to follow (e.g. "owner.supervisor")`);
        return;
      }
      const f: CompiledField | undefined = on.fieldsByKey.get(key);
      if (!f || !isRelation(f)) {
        problem(path, `"${spec}": "${key}" is not a link of ${on.pluralLabel}; name a user field such as "owner" or "client.manager"`);
        return;
      }
      const target: string = relationTarget(f)!;
      on = target === USERS_TABLE ? null : (compiled.tablesByKey.get(target) ?? null);
      if (target !== USERS_TABLE && !on) return;
    }
    if (on) problem(path, `"${spec}" leads to ${on.pluralLabel}, not to a user: end it with a user field`);
  }

  if (problems.length) return { ok: false, problems };
  return { ok: true, rule: { definition, table, condition, previous, dateField, guard } };
}

function unknownField(table: CompiledTable, key: string): string {
  const keys = table.fields.map((f) => f.key);
  return `${table.pluralLabel} have no field "${key}"${keys.length ? `: use one of ${keys.slice(0, 30).join(", ")}` : ""}`;
}

/** Every problem of a definition (shape first: nothing else can be checked on the wrong shape). */
export function definitionProblems(raw: unknown, compiled: CompiledSchema): RuleProblem[] {
  const shape = shapeProblems(raw);
  if (shape.length) return shape;
  const result = compileDefinition(raw as RuleDefinition, compiled);
  return result.ok ? [] : result.problems;
}
