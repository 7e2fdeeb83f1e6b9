import { tableName } from "../i18n/schema-names";
import type { Knex } from "knex";
import { listRecordAudit } from "../auth/audit.server";
import { getSetting, SETTINGS_TABLE } from "../auth/settings.server";
import { isUniqueViolation } from "../db/db-errors";
import { dialectOf } from "../db/ddl.server";
import { getFieldKind } from "../fields/registry";
import { authorize, type Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import { titleOf } from "../records/titles";
import type { CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { say, type Phrase } from "../i18n/words";
import { importPhrase, importRefusal, importWords } from "./import-words";

/**
 * Undoing an import: the records it created go to the trash and those it updated get their old
 * values back from the audit trail, in one transaction, through the records service as the person
 * who asks. Refused while anything else has changed one of them since (its version moved).
 */

/** One record an import wrote: created by it (`from` 0), or its version before the import's first update; `to` after its last. */
export interface Touched {
  created: boolean;
  from: number;
  to: number;
}

/**
 * What an import wrote, kept in its job's result and small: created records as runs of
 * consecutive ids left at one version, `[firstId, lastId, version]` (a million new records are
 * usually one run); updated ones as `[id, versionBefore, versionAfter]`.
 */
export interface Written {
  created: [number, number, number][];
  updated: [number, number, number][];
}

export function packWritten(touched: Map<number, Touched>): Written {
  const created: Written["created"] = [];
  const updated: Written["updated"] = [];
  for (const [id, t] of [...touched].sort(([a], [b]) => a - b)) {
    if (!t.created) updated.push([id, t.from, t.to]);
    else {
      const last = created[created.length - 1];
      if (last && last[1] === id - 1 && last[2] === t.to) last[1] = id;
      else created.push([id, id, t.to]);
    }
  }
  return { created, updated };
}

/** One write of an import's batch, kept once the batch commits. */
export type WrittenOp = { created: number; version: number } | { updated: number; from: number; to: number };

/**
 * `Written` kept as an import goes, batch by batch, without a map of every record: a million new
 * records stay one run. An update of a record the import created moves it to a run of its own.
 */
export class WrittenLog {
  private created: Written["created"];
  private updated: Map<number, [number, number]>;

  constructor(from?: Written | null) {
    this.created = (from?.created ?? []).map((r) => [...r] as [number, number, number]);
    this.updated = new Map((from?.updated ?? []).map(([id, a, b]) => [id, [a, b]]));
  }

  /** The run holding `id`, by binary search (runs are kept in order of id). */
  private runOf(id: number): number {
    let lo = 0;
    let hi = this.created.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [first, last] = this.created[mid];
      if (id < first) hi = mid - 1;
      else if (id > last) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  private addCreated(id: number, version: number) {
    const last = this.created[this.created.length - 1];
    if (last && last[1] === id - 1 && last[2] === version) last[1] = id;
    else if (!last || last[1] < id) this.created.push([id, id, version]);
    else {
      // Out of order (ids of another writer's interleaved insert): kept sorted.
      const at = this.created.findIndex((r) => r[0] > id);
      this.created.splice(at < 0 ? this.created.length : at, 0, [id, id, version]);
    }
  }

  apply(ops: WrittenOp[]): this {
    for (const op of ops) {
      if ("created" in op) {
        this.addCreated(op.created, op.version);
        continue;
      }
      const i = this.runOf(op.updated);
      if (i >= 0) {
        const [first, last, version] = this.created[i];
        const parts: [number, number, number][] = [];
        if (first < op.updated) parts.push([first, op.updated - 1, version]);
        parts.push([op.updated, op.updated, op.to]);
        if (op.updated < last) parts.push([op.updated + 1, last, version]);
        this.created.splice(i, 1, ...parts);
        continue;
      }
      const earlier = this.updated.get(op.updated);
      this.updated.set(op.updated, [earlier?.[0] ?? op.from, op.to]);
    }
    return this;
  }

  pack(): Written {
    return {
      created: this.created.map((r) => [...r] as [number, number, number]),
      updated: [...this.updated].sort(([a], [b]) => a - b).map(([id, [a, b]]) => [id, a, b]),
    };
  }
}

function unpackCreated(runs: Written["created"]): { id: number; version: number }[] {
  const out: { id: number; version: number }[] = [];
  for (const [first, last, version] of runs) for (let id = first; id <= last; id++) out.push({ id, version });
  return out;
}

const undoneKey = (jobId: string) => `import-undone:${jobId}`;

export async function isUndone(db: Knex, jobId: string): Promise<boolean> {
  return (await getSetting(db, undoneKey(jobId))) !== null;
}

export interface UndoDeps {
  db: Knex;
  records: RecordsService;
  workspace: WorkspaceService;
}

export interface UndoResult {
  trashed: number;
  restored: number;
}

const CHUNK = 500;
const NAMED = 10;

export async function undoWritten(deps: UndoDeps, actor: Actor, jobId: string, tableKey: string, written: Written): Promise<UndoResult> {
  const { db, records, workspace } = deps;
  const { compiled } = await workspace.current();
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) throw importRefusal(409, "tableGone", { table: tableKey });
  const created = unpackCreated(written.created);
  const updated = written.updated.map(([id, from, to]) => ({ id, from, to }));
  if (created.length) authorize(actor, "delete", table);
  if (updated.length) authorize(actor, "update", table);
  if (await isUndone(db, jobId)) throw importRefusal(409, "undone");

  // One transaction, so an undo is whole or not at all; the marker goes in first, so a second
  // undo racing this one waits on it and is then refused.
  return records.transaction(async (tx, trx) => {
    try {
      await trx(SETTINGS_TABLE).insert({ key: undoneKey(jobId), value: JSON.stringify({ by: actor.id, at: new Date().toISOString() }) });
    } catch (error) {
      if (isUniqueViolation(error)) throw importRefusal(409, "undone");
      throw error;
    }
    const ids = [...created.map((c) => c.id), ...updated.map((u) => u.id)];
    // InnoDB reads without locking: hold the import's rows from the check on, so no one changes
    // one between the version check and the delete (a delete takes no version). SQLite has one writer.
    if (dialectOf(trx) === "mysql")
      for (let i = 0; i < ids.length; i += CHUNK)
        await trx(table.key)
          .whereIn("id", ids.slice(i, i + CHUNK))
          .forUpdate()
          .select("id");
    await refuseChanged(tx, actor, table, [
      ...created.map(({ id, version }) => ({ id, version })),
      ...updated.map(({ id, to }) => ({ id, version: to })),
    ]);
    const before = new Map<number, Record<string, unknown>>();
    for (const u of updated) before.set(u.id, await valuesBefore(trx, table, u.id, u.to - u.from));
    // Newest first: a record the import created and another one of its rows points at goes after it.
    for (const { id } of [...created].reverse()) await tx.remove(actor, table.key, id);
    // The update carries the import's version: a change slipped in since the check is a conflict too.
    for (const u of updated) await tx.update(actor, table.key, u.id, before.get(u.id)!, u.to);
    return { trashed: created.length, restored: updated.length };
  });
}

/** 409 naming every record that is gone or whose version moved since the import. */
async function refuseChanged(
  records: RecordsService,
  actor: Actor,
  table: CompiledTable,
  expected: { id: number; version: number }[],
): Promise<void> {
  const problems: { id: number; problem: string; words: Phrase }[] = [];
  const note = (id: number, key: string, values: Record<string, unknown>) => {
    const words = importPhrase(key, values);
    problems.push({ id, problem: say(words, importWords), words });
  };
  for (let i = 0; i < expected.length; i += CHUNK) {
    const part = expected.slice(i, i + CHUNK);
    const current = await records.getMany(
      actor,
      table.key,
      part.map((e) => e.id),
    );
    for (const { id, version } of part) {
      const now = current.get(id);
      if (!now) note(id, "recordGone", { label: table.label, id });
      else if (now.version !== version) note(id, "recordChanged", { label: table.label, id, title: titleOf(table, now) });
    }
  }
  if (!problems.length) return;
  const named = problems.slice(0, NAMED).map((p) => p.words);
  const more = problems.length - NAMED;
  throw importRefusal(
    409,
    more > 0 ? "undoRefusedMore" : "undoRefused",
    { problems: named, more },
    {
      records: problems.map(({ id, problem }) => ({ id, problem })),
    },
  );
}

/**
 * A record's values before the import's `count` updates, from the audit trail: its newest entries
 * are the import's, as its version has not moved since. Each field takes the "before" of the
 * oldest of them that changed it. Computed fields are left to the engine.
 */
async function valuesBefore(q: Knex, table: CompiledTable, id: number, count: number): Promise<Record<string, unknown>> {
  const entries = count > 0 ? await listRecordAudit(q, { table: table.key, recordId: id, limit: count }) : [];
  if (entries.length < count || entries.some((e) => e.action !== "update"))
    throw importRefusal(409, "noAudit", { label: tableName(table), id });
  const values: Record<string, unknown> = {};
  for (const entry of entries) {
    const changes = (entry.changes ?? {}) as Record<string, [unknown, unknown]>;
    for (const [key, pair] of Object.entries(changes)) {
      const field = table.fieldsByKey.get(key);
      if (field && !getFieldKind(field.kind).readOnly && Array.isArray(pair)) values[key] = pair[0];
    }
  }
  return values;
}
