import type { Knex } from "knex";
import mysql from "mysql2";
import { dialectOf } from "./ddl.server";

/**
 * Multi-row INSERTs of many rows, each row its values in `columns` order: a bulk import's records
 * and their audit entries. Built here as a plain `VALUES` list rather than by knex's query builder,
 * whose multi-row insert costs more CPU than the values themselves (and on SQLite is a compound
 * SELECT capped at 500 rows). On MariaDB the statement is written out whole: each value as
 * mysql2 writes a bound `?` (its `escape`, with the connection's time zone), so the text is the
 * one a bound statement would have sent, without building a bindings array and substituting it
 * twice (knex, then mysql2). On SQLite the values stay bound parameters.
 */

/** Bound values per statement on SQLite: under its 32,766. MariaDB's statements are sent written out, bounded by bytes only. */
const MAX_BINDINGS = 30_000;
/** Text a statement: well under MariaDB's default `max_allowed_packet` (16 MB). */
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;
/** A character of MariaDB's string literal syntax that mysql2 escapes with a backslash (NUL, backspace, tab, newline, return, ^Z, quotes, backslash). */
// eslint-disable-next-line no-control-regex -- those control characters are what it looks for
const ESCAPED = /[\0\b\t\n\r\x1a"'\\]/;

/**
 * On MariaDB, how `insertMany` writes a value into its statement (mysql2's `escape`, in the
 * connection's time zone), so a caller can write rows' leading values ahead (`written`); null on
 * SQLite, whose values stay bound.
 */
export function sqlLiteral(q: Knex): ((v: unknown) => string) | null {
  if (dialectOf(q) !== "mysql") return null;
  const timezone = (q.client.config.connection as { timezone?: string } | undefined)?.timezone ?? "local";
  return (v: unknown): string => {
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "string") return ESCAPED.test(v) ? mysql.escape(v) : `'${v}'`;
    if (typeof v === "number") return `${v}`;
    return mysql.format("?", [v as mysql.SqlValue], false, timezone);
  };
}

export interface InsertManyOptions {
  /** Rows a statement at most (1: each row alone); otherwise as many as the limits above allow. */
  rowsPerStatement?: number;
  /** Answer the new ids: SQLite's `RETURNING`, MariaDB's first id of each statement then `step` apart. */
  ids?: { step: number };
  /**
   * MariaDB only: each row's first `columns` values already written by `sqlLiteral`, joined by
   * ", " (a bulk import writes them while the batch before is in the database).
   */
  written?: { columns: number; text: string[] };
}

export async function insertMany(
  q: Knex,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
  options: InsertManyOptions = {},
): Promise<number[]> {
  if (rows.length === 0) return [];
  const mysqlDialect = dialectOf(q) === "mysql";
  const head = `insert into ${q.client.wrapIdentifier(table)} (${columns.map((c) => q.client.wrapIdentifier(c)).join(", ")}) values `;
  const bound = mysqlDialect ? Infinity : Math.floor(MAX_BINDINGS / Math.max(1, columns.length));
  const per = Math.max(1, Math.min(options.rowsPerStatement ?? Infinity, bound));
  const parts = statements(rows, per);
  const ids: number[] = [];
  if (!mysqlDialect) {
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    for (const part of parts) {
      const sql = `${head}${part.map(() => tuple).join(", ")}${options.ids ? " returning id" : ""}`;
      // undefined is NULL, as in MariaDB's written-out statements (knex refuses an undefined binding).
      const bindings = part.flat().map((v) => (v === undefined ? null : v)) as Knex.Value[];
      const made = (await q.raw(sql, bindings)) as { id: number }[];
      // One writer: the rows take ascending ids in the order listed; RETURNING's own order is not promised.
      if (options.ids) ids.push(...made.map((m) => Number(m.id)).sort((a, b) => a - b));
    }
    return ids;
  }
  const literal = sqlLiteral(q)!;
  const { columns: from, text } = options.written ?? { columns: 0, text: null };
  // In a transaction every statement goes to the server as soon as it is written: the next one is
  // built while the server runs this one (mysql2 queues them on the one connection, in order).
  const sent: Promise<unknown>[] = [];
  const values: string[] = new Array(columns.length - from);
  let done = 0;
  for (const part of parts) {
    // A flat string per row, joined once: a statement growing by `+=` is a chain of partial
    // strings that each young-generation collection copies while it is built.
    const tuples: string[] = new Array(part.length);
    for (let r = 0; r < part.length; r++) {
      const row = part[r];
      for (let c = from; c < columns.length; c++) values[c - from] = literal(row[c]);
      const rest = values.join(", ");
      const ahead = text ? text[done + r] : "";
      tuples[r] = `(${ahead && rest ? `${ahead}, ${rest}` : ahead || rest})`;
    }
    done += part.length;
    const sql = head + tuples.join(", ");
    const run = q.raw(sql).then((result: unknown) => {
      const [header] = result as [{ insertId: number }];
      return header.insertId;
    });
    sent.push(run);
    if (!q.isTransaction) await run;
  }
  const settled = await Promise.allSettled(sent);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  if (options.ids)
    settled.forEach((s, i) => {
      const first = Number((s as PromiseFulfilledResult<number>).value);
      for (let k = 0; k < parts[i].length; k++) ids.push(first + k * options.ids!.step);
    });
  return ids;
}

/** The rows in statements of at most `per` rows and about `MAX_STATEMENT_BYTES` of text (1,500 notes of 15 KB pass 16 MB). */
function statements(rows: unknown[][], per: number): unknown[][][] {
  const out: unknown[][][] = [];
  let part: unknown[][] = [];
  let bytes = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let size = 0;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      size += typeof v === "string" ? v.length * 3 : 24;
    }
    if (part.length && (part.length >= per || bytes + size > MAX_STATEMENT_BYTES)) {
      out.push(part);
      part = [];
      bytes = 0;
    }
    part.push(row);
    bytes += size;
  }
  if (part.length) out.push(part);
  return out;
}
