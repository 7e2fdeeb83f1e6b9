import { tableName, tablesName } from "../i18n/schema-names";
import { ApiError } from "../errors";
import { permissionRefusal } from "./permission-words";
import { recordRefusal } from "./record-words";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import type { FilterNode } from "./filter";
import { authorize, lockedFields, mayDo, rowScope, unseenFields, type Actor } from "./permissions";
import type { RecordJson } from "./rows";

/**
 * What an actor's role means for the records themselves, decided by `./permissions`: which
 * records are theirs to see, which fields never leave the service, which ones they may not write
 * or use to filter, and whose a new record is. Pure; the same scope in SQL is `access.server.ts`.
 */

/** Whether a record read from the database is one the actor may see ("only records I own"). */
export function inScope(actor: Actor, table: CompiledTable, record: Record<string, unknown>): boolean {
  const scope = rowScope(actor, table);
  return !scope || (scope.userId !== null && record[scope.column] === scope.userId);
}

/**
 * What the actor may see of a record, decided here for every answer: cards, lists, the lines in
 * them and the records they expand. Fields they may not see (`unseenFields`) leave it, and so do
 * their expansions; lines of a table they may not read leave it whole, lines outside their scope
 * one by one, and every line left goes through this function for its own table.
 */
export function strip(actor: Actor, compiled: CompiledSchema, table: CompiledTable, record: RecordJson): RecordJson {
  return stripperFor(actor, compiled, table)(record);
}

/**
 * `strip` for many records of one table: what the actor may not see is worked out once, not per
 * record (a 5,000-row export page spent more time asking than removing).
 */
export function stripperFor(actor: Actor, compiled: CompiledSchema, table: CompiledTable): (record: RecordJson) => RecordJson {
  const unseen = [...unseenFields(actor, compiled, table)];
  const lists = table.lists
    .filter((l) => l.composition)
    .map((list) => ({ name: list.name, child: compiled.tablesByKey.get(list.table) }))
    .filter((l): l is { name: string; child: CompiledTable } => l.child !== undefined)
    .map(({ name, child }) => {
      const readable = mayDo(actor, "read", child);
      let stripLine: ((line: RecordJson) => RecordJson) | undefined;
      return { name, child, readable, stripLine: (line: RecordJson) => (stripLine ??= stripperFor(actor, compiled, child))(line) };
    });
  return (record) => {
    for (const key of unseen) delete record[key];
    const expanded = record._expanded as Record<string, unknown> | undefined;
    if (expanded) for (const key of unseen) delete expanded[key];
    for (const { name, child, readable, stripLine } of lists) {
      const lines = record[name] as RecordJson[] | undefined;
      if (!lines) continue;
      if (!readable) delete record[name];
      else record[name] = lines.filter((line) => inScope(actor, child, line)).map(stripLine);
    }
    return record;
  };
}

/** A filter, sort or search on a hidden field would let its values be counted out: refused. */
export function refuseHiddenUse(
  actor: Actor,
  compiled: CompiledSchema,
  table: CompiledTable,
  filter: FilterNode | null,
  sort: { column: string }[],
  expand: string[],
): void {
  const hidden = unseenFields(actor, compiled, table);
  if (hidden.size === 0) return;
  const used = new Set<string>();
  const walk = (n: FilterNode) => {
    if ("and" in n) n.and.forEach(walk);
    else if ("or" in n) n.or.forEach(walk);
    else if ("not" in n) walk(n.not);
    else used.add(n.column);
  };
  if (filter) walk(filter);
  sort.forEach((k) => used.add(k.column));
  expand.forEach((k) => used.add(k));
  const refused = [...used].filter((k) => hidden.has(k));
  if (refused.length) throw permissionRefusal(403, "hiddenUse", { fields: refused.map((k) => `"${k}"`).join(", "), count: refused.length });
}

/** Writing a field the role may not write is refused whole: the record stays unchanged. */
export function refuseLockedWrites(
  actor: Actor,
  table: CompiledTable,
  values: Record<string, unknown>,
  current: Record<string, unknown> | null,
): void {
  const locked = lockedFields(actor, table);
  const touched = [...locked].filter(
    (k) =>
      k in values &&
      (current === null
        ? values[k] !== null && values[k] !== undefined
        : JSON.stringify(values[k] ?? null) !== JSON.stringify(current[k] ?? null)),
  );
  if (touched.length)
    throw permissionRefusal(
      403,
      "locked",
      { fields: touched.map((k) => `“${table.fieldsByKey.get(k)?.label ?? k}”`).join(", "), table: table.pluralLabel },
      { fields: touched },
    );
}

/** New records belong to their creator unless said otherwise; a scoped user cannot give them away. */
export function applyOwner(
  actor: Actor,
  table: CompiledTable,
  values: Record<string, unknown>,
  current: Record<string, unknown> | null,
): void {
  const owner = table.def["x-owner-field"];
  if (!owner) return;
  if (current === null && (values[owner] === undefined || values[owner] === null) && actor.id !== null) values[owner] = actor.id;
  const scope = rowScope(actor, table);
  if (scope && owner in values && values[owner] !== actor.id)
    throw permissionRefusal(403, "owner", { table: tablesName(table), field: table.fieldsByKey.get(owner)?.label ?? owner });
}

/**
 * A line written through its parent (an invoice's `items`) passes its own table's rules as if it
 * were written directly: create or update rights (none needed to send a line back unchanged), its
 * read-only and hidden fields, its scope and owner. The error is a direct write's, naming the line.
 */
export function refuseLineWrite(
  actor: Actor,
  child: CompiledTable,
  line: { list: string; index: number },
  values: Record<string, unknown>,
  current: Record<string, unknown> | null,
): void {
  try {
    if (current && !inScope(actor, child, current)) throw recordRefusal(404, "notFound", { label: tableName(child), id: current.id });
    const changes =
      current === null || Object.keys(values).some((k) => JSON.stringify(values[k] ?? null) !== JSON.stringify(current[k] ?? null));
    if (changes) authorize(actor, current ? "update" : "create", child);
    refuseLockedWrites(actor, child, values, current);
    applyOwner(actor, child, values, current);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const fields = (error.details as { fields?: string[] } | undefined)?.fields;
    throw permissionRefusal(
      error.status,
      "line",
      { n: line.index + 1, list: line.list, message: error.phrase ?? error.message },
      fields ? { fields: fields.map((k) => `${line.list}.${line.index}.${k}`) } : error.details,
    );
  }
}
