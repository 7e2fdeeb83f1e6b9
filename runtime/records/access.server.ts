import type { Knex } from "knex";
import type { CompiledTable } from "../schema/compile";
import { rowScope, type Actor } from "./permissions";

/**
 * The actor's record scope as SQL, so a list never fetches what `inScope` (`access.ts`) would
 * throw away afterwards.
 */

/** Restricts a query to the records the actor may see ("only records I own"). */
export function applyScope(q: Knex.QueryBuilder, actor: Actor, table: CompiledTable): void {
  const scope = rowScope(actor, table);
  if (!scope) return;
  if (scope.userId === null) q.whereRaw("1 = 0");
  else q.where(`${table.key}.${scope.column}`, scope.userId);
}
