import type { Knex } from "knex";
import type { Dialect } from "../db/connection.server";
import { fieldKinds } from "../fields/registry";
import type { CompiledTable } from "../schema/compile";
import { hiddenFields, type Actor } from "./permissions";
import { escapeLike, LIKE_ESCAPE } from "./query.server";
import { fts5Query, innodbQuery, searchTokens, splitUnspaced } from "./search";

/**
 * A list's quick search (`q`) as SQL, and the order that puts the best title matches first.
 * The terms themselves are split by `search.ts`.
 */

/** The fields marked `x-searchable`, else every field whose kind is searchable. */
function searchableColumns(table: CompiledTable): string[] {
  const marked = table.fields.filter((f) => f.def["x-searchable"] === true);
  const fields = marked.length ? marked : table.fields.filter((f) => fieldKinds[f.kind].searchable);
  return fields.map((f) => f.key);
}

/**
 * The quick search: through the table's full-text index when it has one (prefix matching of
 * every term, case- and accent-insensitive), else a LIKE over its text fields. A role that cannot
 * see one of the indexed fields searches without the index, over what it may see.
 */
export function applySearch(qb: Knex.QueryBuilder, dialect: Dialect, actor: Actor, table: CompiledTable, q: string): void {
  const hidden = hiddenFields(actor, table);
  if (searchTokens(q).length === 0) return;
  const index = table.search && !table.search.columns.some((c) => hidden.has(c)) ? table.search : null;
  const { indexed, substrings } = splitUnspaced(q);
  if (index && substrings.length) {
    // Chinese, Japanese, Korean, Thai: a substring of the indexed columns, without the index (ADR 007).
    for (const term of substrings)
      qb.where((w) =>
        index.columns.forEach((c) => w.orWhereRaw("?? like ? escape ?", [`${table.key}.${c}`, `%${escapeLike(term)}%`, LIKE_ESCAPE])),
      );
    if (searchTokens(indexed).length === 0) return;
    q = indexed;
  }
  const tokens = searchTokens(q);
  if (!index) {
    const cols = searchableColumns(table).filter((c) => !hidden.has(c));
    if (cols.length === 0) {
      qb.whereRaw("1 = 0");
      return;
    }
    for (const term of q.split(/\s+/).filter(Boolean).slice(0, 8))
      qb.where((w) => cols.forEach((c) => w.orWhereRaw("?? like ? escape ?", [`${table.key}.${c}`, `%${escapeLike(term)}%`, LIKE_ESCAPE])));
    return;
  }
  if (dialect === "sqlite") {
    qb.whereRaw("?? in (select rowid from ?? where ?? match ?)", [`${table.key}.id`, index.name, index.name, fts5Query(tokens)]);
    return;
  }
  const { fulltext, prefixes } = innodbQuery(q);
  const cols = index.columns.map(() => "??").join(", ");
  if (fulltext) qb.whereRaw(`match(${cols}) against (? in boolean mode)`, [...index.columns.map((c) => `${table.key}.${c}`), fulltext]);
  for (const term of prefixes)
    qb.where((w) =>
      index.columns.forEach((c) => w.orWhereRaw("?? like ? escape ?", [`${table.key}.${c}`, `${escapeLike(term)}%`, LIKE_ESCAPE])),
    );
}

/** Without an explicit sort, exact and prefix matches of the title come first. */
export function rankSearch(qb: Knex.QueryBuilder, table: CompiledTable, q: string): void {
  if (!table.titleField) return;
  const title = `${table.key}.${table.titleField}`;
  qb.orderByRaw("case when lower(??) = ? then 0 when lower(??) like ? escape ? then 1 else 2 end", [
    title,
    q.toLowerCase(),
    title,
    `${escapeLike(q.toLowerCase())}%`,
    LIKE_ESCAPE,
  ]);
}
