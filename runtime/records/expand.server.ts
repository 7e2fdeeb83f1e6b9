import { tablesName } from "../i18n/schema-names";
import type { Knex } from "knex";
import { badQuery } from "./query-words";
import { isRelation, relationTarget } from "../fields/structure";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import { inScope } from "./access";
import { mayDo, rowScope, unseenFields, type Actor } from "./permissions";
import type { RecordJson } from "./rows";
import { titleOf } from "./titles";

/**
 * `expand`: relation fields answered as `{ id, title }` beside their id, in `_expanded`, so a list
 * shows "Acme Freight" instead of 7 without a request per row.
 */

/** Titles of related records for a page: one query per relation field, never one per row. */
export async function expandRelations(
  q: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  rows: RecordJson[],
  keys: string[],
  actor: Actor | null = null,
): Promise<void> {
  for (const key of keys) {
    const f = table.fieldsByKey.get(key);
    if (!f || !isRelation(f)) throw badQuery("query.notRelation", { field: key, table: tablesName(table) }, { field: key });
    const ids = [...new Set(rows.map((r) => r[key]).filter((v): v is number => typeof v === "number"))];
    if (ids.length === 0) continue;
    const targetKey = relationTarget(f)!;
    const target = targetKey === USERS_TABLE ? null : (compiled.tablesByKey.get(targetKey) ?? null);
    // A role that cannot read the target sees that a record is linked, not what it is called.
    if (actor && target && !mayDo(actor, "read", target)) {
      for (const r of rows)
        if (typeof r[key] === "number")
          ((r._expanded ??= {}) as Record<string, unknown>)[key] = { id: r[key], title: `${target.label} #${r[key]}` };
      continue;
    }
    const titleCol = target ? target.titleField : "name";
    const scope = actor && target ? rowScope(actor, target) : null;
    const cols = [...new Set(["id", ...(titleCol ? [titleCol] : []), ...(scope ? [scope.column] : [])])];
    const found = (await q(targetKey).select(cols).whereIn("id", ids)) as Record<string, unknown>[];
    // A record outside the actor's scope, or a title they may not see, is named like a table they cannot read.
    const titleHidden = !!actor && !!target && !!titleCol && unseenFields(actor, compiled, target).has(titleCol);
    const seen = (r: Record<string, unknown>) =>
      !actor ||
      !target ||
      (!titleHidden && (!scope || inScope(actor, target, { [scope.column]: r[scope.column] === null ? null : Number(r[scope.column]) })));
    const byId = new Map(found.map((r) => [Number(r.id), { id: Number(r.id), title: titleOf(target, seen(r) ? r : { id: r.id }) }]));
    for (const r of rows) {
      const id = r[key];
      if (typeof id !== "number") continue;
      const expanded = (r._expanded ??= {}) as Record<string, unknown>;
      expanded[key] = byId.get(id) ?? { id, title: `#${id} (missing)` };
    }
  }
}
