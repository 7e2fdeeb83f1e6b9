import type { Knex } from "knex";
import { isRelation, relationTarget } from "../fields/structure";
import type { Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import { taxSummary } from "./tax-summary";

/**
 * What a Liquid template sees of a record — print templates and automation rules alike: the
 * record with its relations resolved one level deep, its lists (each line with its own relations),
 * and the own company. Everything is read through the records service with the actor's rights,
 * so a template never shows what its reader could not open.
 */

export type ContextRecord = Record<string, unknown>;

export interface RecordContextSource {
  /** For the users a relation points at (they are not records of the workspace). */
  db: Knex;
  records: Pick<RecordsService, "get" | "list">;
  compiled: CompiledSchema;
  actor: Actor;
  /** Called with every record loaded, before it is used (printing inlines its images here). */
  prepare?(table: CompiledTable, record: ContextRecord): Promise<void>;
  /**
   * A record read ahead by the caller (a batch of rule runs reads its records' relations at once):
   * the record, null when the actor may not read it, undefined when it must be read here.
   */
  known?(table: string, id: number): ContextRecord | null | undefined;
}

export interface RecordContextLoader {
  /** The record's relations (one level), each replaced by the record it points at (null when unreadable). */
  resolve(table: CompiledTable, record: ContextRecord, skip?: string): Promise<ContextRecord>;
  /** The own company's card (the first record of `company`), or null. */
  company(): Promise<ContextRecord | null>;
  /**
   * The record as templates see it: `raw` (as the records service returned it) with its relations
   * resolved and its lists loaded. Lists that are not part of the record (payments, an invoice's
   * tasks) are read only when `usesList(name)` says a template needs them.
   */
  expand(table: CompiledTable, raw: ContextRecord, usesList: (name: string) => boolean): Promise<ContextRecord>;
}

const MAX_LIST_ROWS = 500;

/** One loader per print or rule run: relation lookups are shared by every record and line it loads. */
export function createRecordContextLoader(source: RecordContextSource): RecordContextLoader {
  const { db, records, compiled, actor, prepare, known } = source;
  const cache = new Map<string, Promise<ContextRecord | null>>();

  const load = (target: string, id: number): Promise<ContextRecord | null> => {
    const key = `${target}/${id}`;
    let p = cache.get(key);
    const ahead = p ? undefined : known?.(target, id);
    if (!p && ahead !== undefined) {
      const t = compiled.tablesByKey.get(target);
      p = ahead && t && prepare ? prepare(t, ahead).then(() => ahead) : Promise.resolve(ahead);
      cache.set(key, p);
    }
    if (!p) {
      p =
        target === USERS_TABLE
          ? (db(USERS_TABLE).where({ id }).first("id", "name", "email") as Promise<ContextRecord | undefined>).then((r) => r ?? null)
          : records.get(actor, target, id).then(
              async (r) => {
                const t = compiled.tablesByKey.get(target);
                if (t && prepare) await prepare(t, r as ContextRecord);
                return r as ContextRecord;
              },
              () => null,
            );
      cache.set(key, p);
    }
    return p;
  };

  const resolve = async (table: CompiledTable, record: ContextRecord, skip?: string): Promise<ContextRecord> => {
    const out: ContextRecord = { ...record };
    for (const f of table.fields) {
      if (!isRelation(f) || f.key === skip || typeof record[f.key] !== "number") continue;
      out[f.key] = await load(relationTarget(f)!, record[f.key] as number);
    }
    return out;
  };

  return {
    resolve,
    async company() {
      const table = compiled.tablesByKey.get("company");
      if (!table) return null;
      // Only the first record is wanted: counting them would be a query for nothing.
      const { rows } = await records.list(actor, "company", { pageSize: 1, sort: "id", count: false });
      if (!rows[0]) return null;
      const company = { ...(rows[0] as ContextRecord) };
      if (prepare) await prepare(table, company);
      return company;
    },
    async expand(table, raw, usesList) {
      const record = await resolve(table, raw);
      for (const list of table.lists) {
        const child = compiled.tablesByKey.get(list.table)!;
        let rows = raw[list.name] as ContextRecord[] | undefined;
        if (!list.composition) {
          if (!usesList(list.name)) continue;
          const found = await records.list(actor, child.key, {
            filter: { field: list.field, op: "eq", value: raw.id },
            pageSize: MAX_LIST_ROWS,
            sort: "id",
          });
          rows = found.rows as ContextRecord[];
        }
        record[list.name] = await Promise.all((rows ?? []).map((r) => resolve(child, r, list.field)));
        if (list.composition && child.fieldsByKey.has("tax_rate") && record.tax_summary === undefined)
          record.tax_summary = taxSummary(record[list.name] as ContextRecord[]);
      }
      return record;
    },
  };
}
