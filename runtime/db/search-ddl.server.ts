import type { Knex } from "knex";
import { dialectOf, hasIndex, type AlterAlgorithm } from "./ddl.server";

/**
 * Full-text search indexes. SQLite: a contentless FTS5 table beside the record table (unicode61
 * with diacritics removed: case- and accent-insensitive), kept in step by triggers, so every write
 * — through the service, an import or a restore — is searchable at once. MySQL/MariaDB: an InnoDB
 * FULLTEXT index on the columns themselves.
 */
export async function hasSearchIndex(db: Knex, table: string, name: string): Promise<boolean> {
  if (dialectOf(db) === "sqlite") return (await db("sqlite_master").where({ name }).first("name")) !== undefined;
  return hasIndex(db, table, name);
}

function bodyExpression(columns: string[], row: "new" | null): { sql: string; bindings: string[] } {
  // Columns become `coalesce(new."a", '')` joined by spaces; identifiers go through knex bindings.
  const parts = columns.map(() => (row ? `coalesce(${row}.??, '')` : "coalesce(??, '')"));
  return { sql: parts.join(" || ' ' || "), bindings: columns };
}

export async function createSearchIndex(db: Knex, table: string, name: string, columns: string[]): Promise<AlterAlgorithm> {
  if (dialectOf(db) === "mysql") {
    const cols = columns.map(() => "??").join(", ");
    // MariaDB 10.11 builds an EMPTY index with ALGORITHM=INPLACE on a table whose rows were written
    // while an earlier FULLTEXT index existed (re-adding after a drop, or adding a second one), so
    // searches silently find nothing. A table copy indexes every row; the first FULLTEXT index of
    // a table rebuilds it anyway. Empty tables (just created) take the cheap path.
    const hasRows = (await db(table).first("id")) !== undefined;
    await db.raw(`alter table ?? add fulltext index ?? (${cols}), algorithm=${hasRows ? "copy" : "inplace"}`, [table, name, ...columns]);
    return hasRows ? "COPY" : "INPLACE";
  }
  const fresh = bodyExpression(columns, "new");
  const all = bodyExpression(columns, null);
  await db.transaction(async (trx) => {
    await trx.raw(`create virtual table ?? using fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`, [
      name,
    ]);
    await trx.raw(`create trigger ?? after insert on ?? begin insert into ??(rowid, body) values (new.id, ${fresh.sql}); end`, [
      `${name}_ai`,
      table,
      name,
      ...fresh.bindings,
    ]);
    await trx.raw(
      `create trigger ?? after update on ?? begin delete from ?? where rowid = old.id; insert into ??(rowid, body) values (new.id, ${fresh.sql}); end`,
      [`${name}_au`, table, name, name, ...fresh.bindings],
    );
    await trx.raw(`create trigger ?? after delete on ?? begin delete from ?? where rowid = old.id; end`, [`${name}_ad`, table, name]);
    await trx.raw(`insert into ??(rowid, body) select id, ${all.sql} from ??`, [name, ...all.bindings, table]);
  });
  return "n/a";
}

export async function dropSearchIndex(db: Knex, table: string, name: string): Promise<void> {
  if (dialectOf(db) === "mysql") {
    if (await hasIndex(db, table, name)) await db.raw("drop index ?? on ??", [name, table]);
    return;
  }
  for (const suffix of ["_ai", "_au", "_ad"]) await db.raw("drop trigger if exists ??", [`${name}${suffix}`]);
  await db.raw("drop table if exists ??", [name]);
}
