import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCX_TEMPLATES_TABLE } from "@runtime/print/docx.server";
import { AUTH_TABLES } from "@runtime/auth/auth-tables.server";
import { audit } from "@runtime/auth/audit.server";
import { copyDatabase, CopyError, type CopySummary } from "@runtime/db/copy.server";
import { SYSTEM_TABLES } from "@runtime/db/system-tables.server";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import type { RecordJson } from "@runtime/records/rows";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { createPreferredTestDatabase, createSqliteTestDatabase, type TestDatabase } from "../helpers/databases";
import { createSeededRuntime } from "../helpers/default-configuration";

/**
 * `db copy`: a seeded SQLite workspace with a record and a field in the trash and a stored file goes
 * to MariaDB (SQLite again when the tests have no server) and back to a fresh SQLite file; each
 * copy must work as the original did.
 */
interface Original {
  version: number;
  counts: Record<string, number>;
  invoice: RecordJson;
  client: RecordJson;
  trashedClientId: number;
  fileId: string;
  auditRows: number;
  trashRows: Record<string, unknown>[];
  /** The trashed field's column and how many values wait in it. */
  trashedField: { column: string; values: number };
}

describe("copying a workspace between databases", () => {
  let source: TestDatabase;
  let middle: TestDatabase;
  let back: TestDatabase;
  let original: Original;
  const summaries: CopySummary[] = [];

  beforeAll(async () => {
    source = await createSqliteTestDatabase();
    const rt = await createSeededRuntime(source.url);
    try {
      // A field and a record in the trash: their data waits in a renamed column and in crm_trash.
      const { version, schema } = await rt.workspace.current();
      const next = structuredClone(schema);
      delete next.$defs.clients.properties.website;
      await rt.workspace.apply({ baseVersion: version, schema: next, confirmDestructive: true });
      const client = (await rt.records.list(SYSTEM_ACTOR, "clients", { sort: "-id", pageSize: 1 })).rows[0];
      // The newest client goes: a copy that counted ids from max(id) would give its id away.
      const trashed = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Gone Before Copy Ltd" });
      await rt.records.remove(SYSTEM_ACTOR, "clients", trashed.id);
      // A history longer than one batch (1,000 rows; 500 into SQLite, whose compound SELECT stops there).
      await rt.db.transaction(async (trx) => {
        for (let i = 0; i < 1200; i++)
          await audit(trx, { userId: null, action: "update", table: "clients", recordId: client.id, changes: { i } });
      });
      const file = await rt.files.save({
        name: "scan.pdf",
        type: "application/pdf",
        content: new Uint8Array([0, 1, 2, 255]),
        actorId: null,
      });
      // A Word template's bytes, in a blob column of its own table.
      await rt.db(DOCX_TEMPLATES_TABLE).insert({
        id: "letter",
        table_id: "t_clients",
        name: "Letter",
        content: Buffer.from([80, 75, 0, 255, 7]),
        size: 5,
        created_by: null,
        created_at: "2026-12-05T10:00:00.000Z",
        updated_at: "2026-12-05T10:00:00.000Z",
      });
      const invoiceId = (await rt.records.list(SYSTEM_ACTOR, "invoices", { pageSize: 1 })).rows[0].id;
      original = {
        version: (await rt.workspace.current()).version,
        counts: await rt.countRecords(),
        invoice: await rt.records.get(SYSTEM_ACTOR, "invoices", invoiceId),
        client: await rt.records.get(SYSTEM_ACTOR, "clients", client.id),
        trashedClientId: trashed.id,
        fileId: file.id,
        auditRows: await countRows(rt, AUTH_TABLES.audit),
        trashRows: await rt.db(SYSTEM_TABLES.trash).orderBy("id"),
        trashedField: await trashedFieldValues(rt),
      };
    } finally {
      await rt.close();
    }
    middle = (await createPreferredTestDatabase()) ?? (await createSqliteTestDatabase());
    back = await createSqliteTestDatabase();
    const sourceBytes = fs.readFileSync(sqliteFile(source.url));
    summaries.push(await copyDatabase({ from: source.url, to: middle.url }));
    expect(fs.readFileSync(sqliteFile(source.url)).equals(sourceBytes)).toBe(true);
    summaries.push(await copyDatabase({ from: middle.url, to: back.url }));
  }, 240_000);
  afterAll(async () => {
    await Promise.all([source, middle, back].map((d) => d?.drop()));
  });

  it.each([
    ["the first copy", 0],
    ["the copy back to SQLite", 1],
  ])("%s works as the original did", async (_name, index) => {
    const summary = summaries[index];
    expect(summary.schemaVersion).toBe(original.version);
    expect(summary.tables.find((t) => t.name === "clients")?.rows).toBe(original.counts.clients);
    const rt = await createRuntime({ databaseUrl: (index === 0 ? middle : back).url });
    try {
      expect((await rt.workspace.current()).version).toBe(original.version);
      expect(await rt.countRecords()).toEqual(original.counts);
      expect(await rt.records.get(SYSTEM_ACTOR, "invoices", original.invoice.id)).toEqual(original.invoice);
      expect(await rt.records.get(SYSTEM_ACTOR, "clients", original.client.id)).toEqual(original.client);
      // The search index is the target's own (FULLTEXT on MariaDB, FTS5 on SQLite), filled by the copy.
      const found = await rt.records.list(SYSTEM_ACTOR, "clients", { q: String(original.client.name), pageSize: 10 });
      expect(found.rows.map((r) => r.id)).toContain(original.client.id);
      expect(await countRows(rt, AUTH_TABLES.audit)).toBe(original.auditRows);
      expect(normalize(await rt.db(SYSTEM_TABLES.trash).orderBy("id"))).toEqual(normalize(original.trashRows));
      expect(await trashedFieldValues(rt)).toEqual(original.trashedField);
      expect(Array.from((await rt.files.get(original.fileId)).content)).toEqual([0, 1, 2, 255]);
      const letter = (await rt.db(DOCX_TEMPLATES_TABLE).where({ id: "letter" }).first()) as { content: Uint8Array; name: string };
      expect([letter.name, Array.from(letter.content)]).toEqual(["Letter", [80, 75, 0, 255, 7]]);

      const created = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Copied Later Ltd" });
      expect(Number(created.id)).toBeGreaterThan(original.trashedClientId);
      // The trashed record comes back under its own id, with the values it had.
      const restored = await rt.records.restore(SYSTEM_ACTOR, "clients", original.trashedClientId);
      expect(Number(restored.id)).toBe(original.trashedClientId);
    } finally {
      await rt.close();
    }
  });

  it("refuses a target that is not empty and writes nothing to it", async () => {
    const before = await tableCounts(back.url);
    const error = await copyDatabase({ from: source.url, to: back.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopyError);
    expect((error as Error).message).toMatch(/is not empty: it holds \d+ table\(s\) \(campaigns, cases, clients, /);
    expect(await tableCounts(back.url)).toEqual(before);
  });
});

async function countRows(rt: Runtime, table: string): Promise<number> {
  const row = (await rt.db(table).count({ n: "*" }).first()) as { n: number | string };
  return Number(row.n);
}

async function trashedFieldValues(rt: Runtime): Promise<{ column: string; values: number }> {
  const entry = (await rt.db(SYSTEM_TABLES.trash).where({ kind: "field", field_key: "website" }).first("storage")) as { storage: string };
  const row = (await rt.db("clients").whereNotNull(entry.storage).count({ n: "*" }).first()) as { n: number | string };
  return { column: entry.storage, values: Number(row.n) };
}

const sqliteFile = (url: string) => url.slice("sqlite:".length);

async function tableCounts(url: string): Promise<Record<string, number>> {
  const rt = await createRuntime({ databaseUrl: url });
  try {
    return { ...(await rt.countRecords()), audit: await countRows(rt, AUTH_TABLES.audit) };
  } finally {
    await rt.close();
  }
}

/** Trash rows as both databases return them (ids and counts may come back as strings from MySQL). */
function normalize(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
}
