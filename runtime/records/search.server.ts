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

/** A quick search a scan in the list's order can answer: on MariaDB, with every term in the index. */
export interface ScannableSearch {
  /** The searchable columns of the table's full-text index. */
  columns: string[];
  /** The words every row must hold as word starts (the index's query, stopwords left out). */
  tokens: string[];
}

/**
 * On MariaDB, a common term costs the full-text index a read of every match (InnoDB hands out its
 * matches one row lookup at a time, about 16 µs each), so "Mercier" in 25,000 rows took 400 ms
 * before the first one was sorted. A scan in the list's own order stops after a page. This says
 * whether `q` can be answered that way: the index usable by this actor, and every term in it
 * (not a short word or an unspaced script, which take their own ways above).
 */
export function scannableSearch(dialect: Dialect, actor: Actor, table: CompiledTable, q: string): ScannableSearch | null {
  if (dialect !== "mysql" || !table.search) return null;
  const hidden = hiddenFields(actor, table);
  if (table.search.columns.some((c) => hidden.has(c))) return null;
  if (splitUnspaced(q).substrings.length) return null;
  const { fulltext, prefixes } = innodbQuery(q);
  if (!fulltext || prefixes.length) return null;
  return { columns: table.search.columns, tokens: fulltext.split(" ").map((t) => t.replace(/^\+|\*$/g, "")) };
}

/**
 * Rows holding every token somewhere, as a substring: the column's collation folds case and
 * accents as the index does, so this finds every row the index would and a few more (a token
 * inside a word), which the caller drops (`holdsWordPrefixes`).
 */
export function applySubstringSearch(qb: Knex.QueryBuilder, table: CompiledTable, search: ScannableSearch): void {
  for (const token of search.tokens)
    qb.where((w) =>
      search.columns.forEach((c) => w.orWhereRaw("?? like ? escape ?", [`${table.key}.${c}`, `%${escapeLike(token)}%`, LIKE_ESCAPE])),
    );
}

/**
 * SQLite: how many records hold `q`, counted in the FTS5 index alone (capped like every count),
 * when the search is the list's only condition. The index holds exactly the table's rows (its
 * triggers keep it so), and counting there skips a row lookup per match: 1 ms instead of 15 for
 * 10,000 matches. Null when something else narrows the list.
 */
export function searchOnlyCount(
  db: Knex,
  dialect: Dialect,
  actor: Actor,
  table: CompiledTable,
  q: string,
  cap: number,
): Knex.QueryBuilder | null {
  if (dialect !== "sqlite" || !table.search || hiddenFields(actor, table).size) return null;
  if (splitUnspaced(q).substrings.length) return null;
  const tokens = searchTokens(q);
  if (tokens.length === 0) return null;
  const name = table.search.name;
  const matches = db
    .from(name)
    .select(db.raw("1"))
    .whereRaw("?? match ?", [name, fts5Query(tokens)])
    .limit(cap + 1);
  return db.from(matches.as("c")).count({ n: "*" });
}
