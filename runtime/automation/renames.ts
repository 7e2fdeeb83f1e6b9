import { relationTarget } from "../fields/structure";
import { followRenamesInText } from "../print/references";
import type { CompiledSchema } from "../schema/compile";
import type { Action, Filter, RuleDefinition, Template } from "./types";

/**
 * A rule follows the schema's renames: every table and field key it names — in its trigger,
 * filters, values, targets, user paths and Liquid templates — is matched by id against the schema
 * before the change and written with its key after it. Pure.
 */

const CREATED = /\bcreated\.([a-z][a-z0-9_]*)\b/g;

export function followRenamesInRule(definition: RuleDefinition, before: CompiledSchema, after: CompiledSchema): RuleDefinition {
  const tableKey = (key: string) => {
    const id = before.tablesByKey.get(key)?.id;
    return (id && after.tablesById.get(id)?.key) ?? key;
  };
  const fieldKey = (table: string | undefined, key: string) => {
    const t = table ? before.tablesByKey.get(table) : undefined;
    const id = t?.fieldsByKey.get(key)?.id;
    const now = t ? after.tablesById.get(t.id) : undefined;
    return (id && now?.fields.find((f) => f.id === id)?.key) ?? key;
  };
  const targetOf = (table: string | undefined, key: string): string | undefined => {
    const f = table ? before.tablesByKey.get(table)?.fieldsByKey.get(key) : undefined;
    return f ? relationTarget(f) : undefined;
  };
  const filter = (table: string, node: Filter | undefined): Filter | undefined => {
    if (node === undefined || node === null || typeof node !== "object") return node;
    if ("and" in node && Array.isArray(node.and)) return { and: node.and.map((n) => filter(table, n)!) };
    if ("or" in node && Array.isArray(node.or)) return { or: node.or.map((n) => filter(table, n)!) };
    if ("not" in node) return { not: filter(table, node.not)! };
    if ("field" in node && typeof node.field === "string") return { ...node, field: fieldKey(table, node.field) };
    return node;
  };
  /** "client.manager": each step renamed on the table it is on. */
  const path = (spec: string) => {
    if (/^\d+$/.test(spec) || spec.startsWith("role:") || /\{\{|\{%/.test(spec)) return spec;
    let on: string | undefined = definition.table;
    return spec
      .split(",")
      .map((part) =>
        part
          .trim()
          .split(".")
          .map((key) => {
            const renamed = fieldKey(on, key);
            on = targetOf(on, key);
            return renamed;
          })
          .join("."),
      )
      .join(", ");
  };

  const ruleTable = definition.table;
  const lineTable = (list: string | undefined) =>
    list ? before.tablesByKey.get(ruleTable)?.lists.find((l) => l.name === list)?.table : undefined;
  const createdTables: Record<string, string> = {};
  for (const a of definition.actions) if (a.type === "create" && a.as) createdTables[a.as] = a.table;

  /** A template, its `created.<as>` made plain roots for the walk and put back after it. */
  const template = (text: Template | undefined, extra: Record<string, string | undefined> = {}): Template | undefined => {
    if (text === undefined) return text;
    const roots: Record<string, string> = { record: ruleTable, previous: ruleTable };
    if (before.tablesByKey.has("company")) roots.company = "company";
    for (const [name, table] of Object.entries(extra)) if (table) roots[name] = table;
    for (const [as, table] of Object.entries(createdTables)) roots[`created__${as}`] = table;
    const plain = text.replace(CREATED, (_, as: string) => `created__${as}`);
    return followRenamesInText(plain, before, after, roots).replace(/\bcreated__([a-z][a-z0-9_]*)\b/g, "created.$1");
  };
  const templates = (record: Record<string, Template> | undefined, table: string | undefined, extra: Record<string, string | undefined>) =>
    record && Object.fromEntries(Object.entries(record).map(([k, v]) => [fieldKey(table, k), template(v, extra)!]));

  const action = (a: Action): Action => {
    const when = a.when === undefined ? {} : { when: template(a.when, { line: lineTable("forEach" in a ? a.forEach : undefined) }) };
    switch (a.type) {
      case "create": {
        const line = { line: lineTable(a.forEach) };
        return {
          ...a,
          ...when,
          table: tableKey(a.table),
          values: templates(a.values, a.table, line)!,
          ...(a.reuse ? { reuse: { match: templates(a.reuse.match, a.table, line)! } } : {}),
        };
      }
      case "update": {
        const line = lineTable(a.forEach);
        const name = a.target ?? "record";
        let table: string | undefined = ruleTable;
        let target = name;
        if (name.startsWith("created.")) table = createdTables[name.slice("created.".length)];
        else if (name === "line") table = line;
        else if (name.startsWith("line.")) {
          const key = name.slice("line.".length);
          table = targetOf(line, key);
          target = `line.${fieldKey(line, key)}`;
        } else if (name !== "record") {
          table = targetOf(ruleTable, name);
          target = fieldKey(ruleTable, name);
        }
        return {
          ...a,
          ...when,
          ...(a.target !== undefined ? { target } : {}),
          values: templates(a.values, table, { line, target: table })!,
        };
      }
      case "assign":
        return {
          ...a,
          ...when,
          field: fieldKey(ruleTable, a.field),
          ...(a.routes ? { routes: a.routes.map((r) => ({ ...r, when: filter(ruleTable, r.when)! })) } : {}),
          ...(a.workload
            ? {
                workload: {
                  table: tableKey(a.workload.table),
                  field: fieldKey(a.workload.table, a.workload.field),
                  ...(a.workload.open !== undefined ? { open: filter(a.workload.table, a.workload.open) } : {}),
                },
              }
            : {}),
        };
      case "closeTasks":
        return {
          ...a,
          ...when,
          ...(a.of !== undefined ? { of: fieldKey(ruleTable, a.of) } : {}),
          ...(a.values ? { values: Object.fromEntries(Object.entries(a.values).map(([k, v]) => [k, template(v)!])) } : {}),
        };
      case "notify":
        return {
          ...a,
          ...when,
          to: template(path(a.to))!,
          title: template(a.title)!,
          ...(a.href !== undefined ? { href: template(a.href) } : {}),
        };
      case "requestApproval":
        return { ...a, ...when, steps: a.steps.map((s) => ({ approver: path(s.approver) })), message: template(a.message)! };
    }
  };

  const trigger = definition.trigger;
  return {
    ...definition,
    table: tableKey(ruleTable),
    trigger:
      trigger.type === "updated" && trigger.fields
        ? { ...trigger, fields: trigger.fields.map((f) => fieldKey(ruleTable, f)) }
        : trigger.type === "date"
          ? { ...trigger, field: fieldKey(ruleTable, trigger.field) }
          : trigger,
    ...(definition.condition !== undefined ? { condition: filter(ruleTable, definition.condition) } : {}),
    ...(definition.previous !== undefined ? { previous: filter(ruleTable, definition.previous) } : {}),
    actions: definition.actions.map(action),
  };
}
