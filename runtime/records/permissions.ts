import { tablesName } from "../i18n/schema-names";
import { BUILTIN_ROLES, fieldAccess, tableRights, type RoleDefinition, type TableAction } from "../auth/roles";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { formulaReads } from "./compute";
import { adminTask, permissionRefusal, roleWords, verbOf, type AdminTask } from "./permission-words";

export type RecordAction = TableAction;

/** Who is asking, with what their role allows. Every records-service call carries one. */
export interface Actor {
  id: number | null;
  name: string;
  role: string;
  /**
   * Set on writes made by automation: how many rules deep (a rule's action that triggers another
   * rule is one deeper), which rule, and the rules that led to it (`chain`, oldest first, ending
   * with `rule`), so a loop that is stopped can be named. People and integrations have none.
   */
  automation?: { depth: number; rule?: number; chain?: number[] };
  rights: RoleDefinition;
  /** The client address, for the audit trail. */
  ip?: string | null;
}

const ADMIN_RIGHTS = BUILTIN_ROLES.find((r) => r.key === "admin")!;

/** Seeds, migrations and the CLI: may do everything, recorded as nobody in the audit trail. */
export const SYSTEM_ACTOR: Actor = { id: null, name: "Tessera", role: "system", rights: ADMIN_RIGHTS };

/**
 * The one place that decides whether an actor may do something to a table. Every records-service
 * call goes through these functions, so lists, cards, related lists, pickers, prints and the API
 * obey the same rules.
 */
export function authorize(actor: Actor, action: RecordAction, table: CompiledTable): void {
  if (!tableRights(actor.rights, table.id)[action])
    throw permissionRefusal(403, "table", { role: roleWords(actor.rights), verb: verbOf(action), table: tablesName(table) });
}

export function mayDo(actor: Actor, action: RecordAction, table: CompiledTable): boolean {
  return tableRights(actor.rights, table.id)[action];
}

/** "Only records I own": the owner column and the user, or null when the actor sees every record. */
export function rowScope(actor: Actor, table: CompiledTable): { column: string; userId: number | null } | null {
  if (tableRights(actor.rights, table.id).scope !== "own") return null;
  const owner = table.def["x-owner-field"];
  // A scope without an owner field cannot be honoured: show nothing rather than everything.
  return { column: owner ?? "id", userId: owner ? actor.id : null };
}

export function hiddenFields(actor: Actor, table: CompiledTable): Set<string> {
  return new Set(table.fields.filter((f) => fieldAccess(actor.rights, table.id, f.id) === "hidden").map((f) => f.key));
}

/**
 * What the actor may not see of a table's records: its hidden fields, and the formulas that would
 * give them away: one reading a field the actor may not see (`full_name` of a hidden first
 * name), or aggregating over a list the actor may not read whole (a table they may not read or
 * see only their own records of, or a field of it they may not see).
 */
export function unseenFields(actor: Actor, compiled: CompiledSchema, table: CompiledTable, visiting = new Set<string>()): Set<string> {
  const unseen = hiddenFields(actor, table);
  const reads = [...formulaReads(table)];
  if (reads.length === 0) return unseen;
  visiting.add(table.key);
  const hiddenOfList = new Map<string, Set<string> | "all">();
  for (const [, dependencies] of reads)
    for (const { list: name } of dependencies.children) {
      const list = table.lists.find((l) => l.name === name);
      const child = list && compiled.tablesByKey.get(list.table);
      if (!child || visiting.has(child.key) || hiddenOfList.has(name)) continue;
      const rights = tableRights(actor.rights, child.id);
      hiddenOfList.set(name, rights.read && rights.scope === "all" ? unseenFields(actor, compiled, child, visiting) : "all");
    }
  visiting.delete(table.key);
  const listHides = (name: string, fields: string[]) => {
    const hidden = hiddenOfList.get(name);
    return hidden === "all" || (hidden !== undefined && fields.some((f) => hidden.has(f)));
  };
  for (let grew = true; grew;) {
    grew = false;
    for (const [key, dependencies] of reads) {
      if (unseen.has(key)) continue;
      if (dependencies.fields.some((f) => unseen.has(f)) || dependencies.children.some((c) => listHides(c.list, c.fields))) {
        unseen.add(key);
        grew = true;
      }
    }
  }
  return unseen;
}

/** Fields the actor may read but not write (hidden ones are not writable either). */
export function lockedFields(actor: Actor, table: CompiledTable): Set<string> {
  return new Set(table.fields.filter((f) => fieldAccess(actor.rights, table.id, f.id) !== "write").map((f) => f.key));
}

export function isAdmin(actor: Actor): boolean {
  return actor.rights.admin;
}

export function requireAdmin(actor: Actor, task: AdminTask): void {
  if (!actor.rights.admin) throw permissionRefusal(403, "admin", { task: adminTask(task) });
}
