import type { Knex } from "knex";
import { listRecordAudit } from "../auth/audit.server";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import { ApiError, badRequest } from "../errors";
import { fieldKinds } from "../fields/registry";
import { isRelation } from "../fields/structure";
import type { FormatOptions } from "../fields/types";
import { messagesOf } from "../mail/messages.server";
import { keptPrintsOf } from "../print/snapshots.server";
import type { CompiledTable } from "../schema/compile";
import { requireTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { lockOf } from "./locks";
import { parseId, positiveInt } from "./params";
import { changesSeen } from "./audit-changes.server";
import { mayDo, unseenFields, type Actor } from "./permissions";
import { systemTimeToJson, type RecordJson } from "./rows";
import type { RecordsService } from "./service.server";
import { timelineSources, type TimelineSource } from "./timeline-sources";
import type {
  TimelineChangeItem,
  TimelineDocumentItem,
  TimelineItem,
  TimelineMessageItem,
  TimelinePage,
  TimelineRecordItem,
} from "./timeline";

export type { TimelineChangeItem, TimelineDocumentItem, TimelineItem, TimelineMessageItem, TimelinePage, TimelineRecordItem };

/**
 * A record's timeline: the records that point at it or are about it (`timeline-sources.ts`), the
 * documents kept for it and them, and its own audit trail, merged newest first and paged by a
 * keyset cursor. Records are read through the records service as the actor, so a table they may
 * not read adds nothing and hidden fields never leave; audit changes lose the fields they may not see.
 */

export interface TimelineQuery {
  before?: unknown;
  limit?: unknown;
}

export interface TimelineDeps {
  db: Knex;
  records: RecordsService;
  workspace: Pick<WorkspaceService, "current">;
}

const MAX_LIMIT = 100;
/** Records of a table in between (a client's invoices) whose payments and prints join: the newest. */
const MAX_VIA = 500;
const TEXT_CHARS = 300;
const MAX_DETAILS = 3;

/** Where a page ends: items older than this, by time, then source, then id (all descending). */
interface Position {
  at: string;
  source: string;
  id: number;
}

const AUDIT_SOURCE = "audit";
const DOCUMENT_SOURCE = "documents";
const MESSAGE_SOURCE = "messages";

function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.at, p.source, p.id])).toString("base64url");
}

function decodeCursor(raw: unknown): Position | null {
  if (raw === undefined || raw === null || raw === "") return null;
  try {
    const [at, source, id] = JSON.parse(Buffer.from(String(raw), "base64url").toString()) as unknown[];
    if (typeof at === "string" && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(at) && typeof source === "string" && Number.isSafeInteger(id))
      return { at, source, id: id as number };
  } catch {
    // Falls through to the error below.
  }
  throw badRequest("before is not a timeline cursor: pass back the nextCursor of the previous page");
}

/** Newer first: negative when `a` comes before `b` in the timeline. */
function compare(a: Position, b: Position): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.source !== b.source) return a.source > b.source ? -1 : 1;
  return b.id - a.id;
}

/** How a source with key `source` continues after `before`: the same keyset in its own terms. */
function olderThan(source: string, before: Position | null): { at: string; includeAt: boolean; idBelow?: number } | undefined {
  if (!before) return undefined;
  if (source < before.source) return { at: before.at, includeAt: true };
  if (source > before.source) return { at: before.at, includeAt: false };
  return { at: before.at, includeAt: false, idBelow: before.id };
}

/** The same in the records service's filter language, on the system columns. */
function olderFilter(source: string, before: Position | null): unknown {
  const older = olderThan(source, before);
  if (!older) return null;
  if (older.idBelow === undefined) return { field: "created_at", op: older.includeAt ? "lte" : "lt", value: older.at };
  return {
    or: [
      { field: "created_at", op: "lt", value: older.at },
      {
        and: [
          { field: "created_at", op: "eq", value: older.at },
          { field: "id", op: "lt", value: older.idBelow },
        ],
      },
    ],
  };
}

/** Stored UTC text (`2026-11-24 10:15:00.000`) and ISO back and forth. */
const toStored = (iso: string) => iso.replace("T", " ").replace("Z", "");

/** An item on its way: its place in the order, and who made it before names are looked up. */
type Pending = TimelineItem & { position: Position; byId: number | null };

interface Fetched {
  items: Pending[];
  /** The source has older items than the last it gave: where it stopped. */
  stoppedAt: Position | null;
}

/** Refusals that mean "this source adds nothing for you": a table or field the role may not see. */
async function unlessRefused(work: () => Promise<Fetched>): Promise<Fetched> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return { items: [], stoppedAt: null };
    throw error;
  }
}

function describeRecord(
  table: CompiledTable,
  record: RecordJson,
  skip: Set<string>,
  format: FormatOptions,
): Pick<TimelineRecordItem, "title" | "text" | "details"> {
  const titleValue = table.titleField ? record[table.titleField] : null;
  const title = titleValue !== null && titleValue !== undefined && titleValue !== "" ? String(titleValue) : `${table.label} #${record.id}`;
  let text: string | null = null;
  const details: { label: string; text: string }[] = [];
  for (const field of table.fields) {
    const value = record[field.key];
    if (field.key === table.titleField || skip.has(field.key) || isRelation(field)) continue;
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    const kind = fieldKinds[field.kind];
    const shown = kind.formatDisplay(value, field.def, format, record);
    if (shown === "") continue;
    if (kind.listChars !== undefined) {
      text ??= shown.length > TEXT_CHARS ? `${shown.slice(0, TEXT_CHARS - 1)}…` : shown;
      continue;
    }
    if (details.length < MAX_DETAILS) details.push({ label: field.label, text: shown });
  }
  return { title, text, details };
}

/**
 * One page of the timeline of `tableKey` #`rawId` as `actor` may see it: 404 when the record is
 * not theirs to read, as its card would be.
 */
export async function readTimeline(
  deps: TimelineDeps,
  actor: Actor,
  tableKey: string,
  rawId: unknown,
  query: TimelineQuery = {},
  format: FormatOptions = { locale: "en-US" },
): Promise<TimelinePage> {
  const { compiled } = await deps.workspace.current();
  const table = requireTable(compiled, tableKey);
  const id = parseId(rawId);
  const limit = positiveInt(query.limit, "limit", 20, MAX_LIMIT);
  const before = decodeCursor(query.before);
  // Reading the record applies the role and the row scope: someone else's record is a 404 here too.
  await deps.records.get(actor, table.key, id);

  const sources = timelineSources(compiled, table);
  // Ids of records in between (a client's invoices), read once for hops and kept prints alike.
  const viaIds = new Map<string, Promise<number[]>>();
  const idsPointing = (via: { table: string; field: string }) => {
    const key = `${via.table}.${via.field}`;
    if (!viaIds.has(key))
      viaIds.set(
        key,
        deps.records
          .list(actor, via.table, { filter: { field: via.field, op: "eq", value: id }, sort: "-id", pageSize: MAX_VIA })
          .then((page) => page.rows.map((r) => r.id)),
      );
    return viaIds.get(key)!;
  };

  const fetchRecords = (source: TimelineSource): Promise<Fetched> =>
    unlessRefused(async () => {
      const sourceTable = requireTable(compiled, source.table);
      if (!mayDo(actor, "read", sourceTable)) return { items: [], stoppedAt: null };
      let link: unknown;
      let skip: string[];
      if (source.link === "relation") {
        link = { field: source.field, op: "eq", value: id };
        skip = [source.field];
      } else if (source.link === "about") {
        link = {
          and: [
            { field: source.tableField, op: "eq", value: table.key },
            { field: source.idField, op: "eq", value: id },
          ],
        };
        skip = [source.tableField, source.idField];
      } else {
        const ids = await idsPointing(source.via);
        if (ids.length === 0) return { items: [], stoppedAt: null };
        link = { field: source.field, op: "in", value: ids };
        skip = [source.field];
      }
      const older = olderFilter(source.key, before);
      const page = await deps.records.list(actor, source.table, {
        filter: older ? { and: [link, older] } : link,
        sort: "-created_at",
        pageSize: limit,
      });
      const skipped = new Set(skip);
      const items = page.rows.map((record): Pending => {
        const at = String(record.created_at);
        return {
          type: "record" as const,
          key: `${source.key}:${record.id}`,
          at,
          by: null,
          byId: record.created_by as number | null,
          table: sourceTable.key,
          tableLabel: sourceTable.label,
          id: record.id,
          ...describeRecord(sourceTable, record, skipped, format),
          position: { at, source: source.key, id: record.id },
        };
      });
      const last = items[items.length - 1];
      return { items, stoppedAt: page.nextCursor && last ? last.position : null };
    });

  const fetchAudit = async (): Promise<Fetched> => {
    const unseen = unseenFields(actor, compiled, table);
    const entries = await listRecordAudit(deps.db, {
      table: table.key,
      recordId: id,
      before: before ? olderThan(AUDIT_SOURCE, { ...before, at: toStored(before.at) }) : undefined,
      limit: limit + 1,
    });
    const more = entries.length > limit;
    const kept = entries.slice(0, limit);
    const items: Pending[] = [];
    for (const entry of kept) {
      const at = systemTimeToJson(entry.at)!;
      const seen = changesSeen(entry.changes, table, unseen);
      if (!seen) continue;
      const { changes } = seen;
      items.push({
        type: "change",
        key: `${AUDIT_SOURCE}:${entry.id}`,
        at,
        by: null,
        byId: entry.userId,
        id: entry.id,
        action: entry.action,
        changes,
        position: { at, source: AUDIT_SOURCE, id: entry.id },
      });
    }
    const lastKept = kept[kept.length - 1];
    return {
      items,
      stoppedAt: more && lastKept ? { at: systemTimeToJson(lastKept.at)!, source: AUDIT_SOURCE, id: lastKept.id } : null,
    };
  };

  const fetchDocuments = (): Promise<Fetched> =>
    unlessRefused(async () => {
      const records = new Map<string, number[]>();
      const tables = new Map<string, CompiledTable>();
      if (lockOf(table)) {
        records.set(table.id, [id]);
        tables.set(table.id, table);
      }
      for (const source of sources) {
        if (source.link !== "relation") continue;
        const sourceTable = requireTable(compiled, source.table);
        if (!lockOf(sourceTable) || !mayDo(actor, "read", sourceTable)) continue;
        const ids = await idsPointing({ table: source.table, field: source.field }).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 403) return [];
          throw error;
        });
        records.set(sourceTable.id, [...(records.get(sourceTable.id) ?? []), ...ids]);
        tables.set(sourceTable.id, sourceTable);
      }
      const older = before ? olderThan(DOCUMENT_SOURCE, { ...before, at: toStored(before.at) }) : undefined;
      const kept = await keptPrintsOf(deps.db, records, older, limit + 1);
      const more = kept.length > limit;
      const items = kept.slice(0, limit).map((print): Pending => {
        const printedTable = tables.get(print.tableId)!;
        const at = systemTimeToJson(print.at)!;
        return {
          type: "document" as const,
          key: `${DOCUMENT_SOURCE}:${print.id}`,
          at,
          by: null,
          byId: null,
          table: printedTable.key,
          tableLabel: printedTable.label,
          recordId: print.recordId,
          filename: print.filename,
          pdfHref: mayDo(actor, "print", printedTable) ? `/api/print/${encodeURIComponent(print.templateId)}/${print.recordId}.pdf` : null,
          position: { at, source: DOCUMENT_SOURCE, id: print.id },
        };
      });
      const last = items[items.length - 1];
      return { items, stoppedAt: more && last ? last.position : null };
    });

  /** Messages sent from this record's card: whoever may read the record sees to whom and what. */
  const fetchMessages = async (): Promise<Fetched> => {
    const older = before ? olderThan(MESSAGE_SOURCE, { ...before, at: toStored(before.at) }) : undefined;
    const sent = await messagesOf(deps.db, table.key, id, older, limit + 1);
    const items = sent.slice(0, limit).map((m): Pending => {
      const at = systemTimeToJson(m.at)!;
      return {
        type: "message",
        key: `${MESSAGE_SOURCE}:${m.id}`,
        at,
        by: null,
        byId: m.createdBy,
        id: m.id,
        to: m.to,
        subject: m.subject,
        status: m.status,
        error: m.status === "sent" ? null : m.error,
        position: { at, source: MESSAGE_SOURCE, id: m.id },
      };
    });
    const last = items[items.length - 1];
    return { items, stoppedAt: sent.length > limit && last ? last.position : null };
  };

  const fetched = await Promise.all([...sources.map(fetchRecords), fetchAudit(), fetchDocuments(), fetchMessages()]);

  // A source that stopped early may hold items newer than another's last: the page ends at the
  // newest of those stops, so nothing is skipped; the cursor resumes from there.
  const stops = fetched.map((f) => f.stoppedAt).filter((p): p is Position => p !== null);
  const boundary = stops.sort(compare)[0] ?? null;
  const merged = fetched
    .flatMap((f) => f.items)
    .filter((item) => !boundary || compare(item.position, boundary) <= 0)
    .sort((a, b) => compare(a.position, b.position));
  const page = merged.slice(0, limit);
  const more = merged.length > limit || boundary !== null;
  const last = page.length === limit ? page[page.length - 1].position : boundary;

  const names = await userNames(
    deps.db,
    page.map((item) => item.byId),
  );
  return {
    items: page.map(({ position, byId, ...item }) => {
      void position;
      return { ...item, by: byId === null ? null : (names.get(byId) ?? `User #${byId}`) } as TimelineItem;
    }),
    nextCursor: more && last ? encodeCursor(last) : null,
  };
}

async function userNames(db: Knex, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = (await db(SYSTEM_TABLES.users).whereIn("id", wanted).select("id", "name")) as { id: number; name: string }[];
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
