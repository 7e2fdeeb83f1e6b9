/**
 * npm run bench:import [-- --rows N] — a CSV of N clients (default 1,000,000) written to disk, imported
 * into a fresh MariaDB database through the real import (upload scan, job on the queue, `createMany`
 * with validation, unique check, formula, autonumber, audit and the rules hook), beside a raw mysql2
 * multi-row INSERT of the same rows read from the same file by csv-parse in the same run; then the
 * N records exported to CSV through the real export into a null sink. Peak RSS of this process is
 * sampled through each phase. Beside the export, in the same run, a raw read: one mysql2 streamed SELECT of the
 * same rows and columns written as CSV by csv-stringify into the same sink — how fast this machine reads and
 * writes the rows with nothing of ours in the way. Targets: import ≥ 50,000 rows/s and ≥ 0.5× raw, export
 * ≥ 100,000 rows/s, each under 300 MB RSS. BENCH_DB=sqlite runs the import and export on SQLite (no raw
 * baselines). `--export-only` fills the table with the raw insert instead of the import (to profile the export).
 * The npm script caps V8's old space at 128 MB, as a deployment sets it: left alone V8 lets its heap
 * grow lazily (about 470 MB RSS whatever the row count), and a cap that holds shows the work is bounded.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { createConnection } from "mysql2";
import mysql from "mysql2/promise";
import { exportCsv } from "@runtime/dataio/export.server";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { benchDatabase, fmt } from "./lib";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ROWS = Number(arg("rows") ?? process.env.ROWS ?? 1_000_000);
const KIND = (process.env.BENCH_DB ?? "mysql") as "mysql" | "sqlite";
const EXPORT_ONLY = process.argv.includes("--export-only");
const HASH = process.argv.includes("--hash");
const RAW_BATCH = 1000;
const MB = 1024 * 1024;
const TARGET = { importRate: 50_000, ratio: 0.5, rssMb: 300, exportRate: 100_000 };
const STATUSES = ["lead", "active", "inactive"];

/** Clients as a CRM keeps them: a number, a unique email, a choice with a default, a stored formula. */
const CLIENT_FIELDS = {
  number: { type: "string", "x-id": "f_number", "x-kind": "autonumber", "x-pattern": "CL-{0000000}", "x-unique": true },
  name: { type: "string", "x-id": "f_name", "x-kind": "text", maxLength: 200, "x-searchable": true },
  email: { type: "string", "x-id": "f_email", "x-kind": "email", "x-unique": true },
  city: { type: "string", "x-id": "f_city", "x-kind": "text", maxLength: 100, "x-indexed": true },
  status: { type: "string", "x-id": "f_status", "x-kind": "select", enum: STATUSES, default: "lead" },
  since: { type: "string", "x-id": "f_since", "x-kind": "date", format: "date" },
  revenue: { type: "number", "x-id": "f_revenue", "x-kind": "money" },
  tier: {
    type: "string",
    "x-id": "f_tier",
    "x-kind": "formula",
    "x-formula": 'if(coalesce(revenue, 0) >= 50000, "key", "standard")',
    "x-result": "text",
  },
};

const schema = () =>
  ({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: { clients: { type: "object", "x-id": "t_clients", "x-title-field": "name", required: ["name"], properties: CLIENT_FIELDS } },
  }) as unknown as WorkspaceSchema;

/** The CSV, streamed to disk; what it holds is a function of the row number, so the raw baseline needs nothing else. */
async function writeCsv(file: string, rows: number): Promise<number> {
  const out = fs.createWriteStream(file);
  const line = (i: number) => {
    const day = String(1 + (i % 28)).padStart(2, "0");
    return `Client ${i},c${i}@example.com,City ${i % 500},${STATUSES[i % 3]},2024-03-${day},${(i % 100_000) + 0.5}\n`;
  };
  out.write("Name,Email,City,Status,Since,Revenue\n");
  for (let i = 1; i <= rows; i++) if (!out.write(line(i))) await new Promise<void>((r) => out.once("drain", () => r()));
  await new Promise<void>((r) => out.end(() => r()));
  return fs.statSync(file).size;
}

/**
 * Peak RSS while `fn` runs, sampled every 50 ms, and this process's CPU time (user + system): on a
 * shared machine the wall time swings with the neighbours, the CPU time spent in Node much less.
 */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await fn();
    const used = process.cpuUsage(cpu);
    return {
      value,
      ms: performance.now() - t,
      cpuMs: (used.user + used.system) / 1000,
      peakMb: Math.max(peak, process.memoryUsage().rss) / MB,
    };
  } finally {
    clearInterval(timer);
  }
}

/** The upload as the route hands it over (scanned, stored as the job's input), then the job. */
async function importThroughJob(rt: Runtime, file: string) {
  const t = performance.now();
  const { jobId } = await rt.imports.start(SYSTEM_ACTOR, "clients", { file: { path: file }, mode: "insert" });
  const startMs = performance.now() - t;
  await rt.queue.runUntilIdle(rt.jobHandlers);
  return { startMs, status: await rt.imports.status(SYSTEM_ACTOR, jobId) };
}

/** The baseline: the same file through csv-parse, the same rows as multi-row INSERTs of 1,000, a transaction each. */
async function rawInsert(url: string, file: string, into = "clients_raw"): Promise<number> {
  const conn = await mysql.createConnection(url);
  try {
    if (into === "clients_raw") await conn.query("create table clients_raw like clients");
    const now = new Date().toISOString().slice(0, 23).replace("T", " ");
    let batch: unknown[][] = [];
    let n = 0;
    const flush = async () => {
      if (!batch.length) return;
      await conn.beginTransaction();
      await conn.query(
        `insert into ${into} (version, created_at, updated_at, number, name, email, city, status, since, revenue, tier) values ?`,
        [batch],
      );
      await conn.commit();
      batch = [];
    };
    const parser = fs.createReadStream(file).pipe(parse({ from_line: 2 }));
    for await (const [name, email, city, status, since, revenue] of parser as AsyncIterable<string[]>) {
      n++;
      const money = Number(revenue);
      batch.push([
        1,
        now,
        now,
        `CL-${String(n).padStart(7, "0")}`,
        name,
        email,
        city,
        status,
        since,
        money,
        money >= 50000 ? "key" : "standard",
      ]);
      if (batch.length === RAW_BATCH) await flush();
    }
    await flush();
    return n;
  } finally {
    await conn.end();
  }
}

/**
 * Where both exports go: counts bytes and lines, keeps nothing. With `--hash` it also prints the
 * export's SHA-256, to show a faster export writes the same file as the version before.
 */
function nullSink(): { sink: Writable; counted: () => { rows: number; bytes: number; sha256?: string } } {
  let bytes = 0;
  let lines = 0;
  const hash = HASH ? crypto.createHash("sha256") : null;
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
      hash?.update(text);
      bytes += Buffer.byteLength(text);
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
      done();
    },
  });
  return { sink, counted: () => ({ rows: lines - 1, bytes, ...(hash ? { sha256: hash.digest("hex") } : {}) }) };
}

async function exportAll(rt: Runtime): Promise<{ rows: number; bytes: number; sha256?: string }> {
  const file = await exportCsv({ records: rt.records, workspace: rt.workspace }, SYSTEM_ACTOR, "clients", {});
  const { sink, counted } = nullSink();
  await pipeline(file.body, sink);
  return counted();
}

/** The columns the export writes, in its order, as the database holds them. */
const EXPORT_COLUMNS = ["number", "name", "email", "city", "status", "since", "revenue", "tier"];
const RAW_PAGE = 1000;

/**
 * The export's baseline: the same rows and columns by one streamed mysql2 SELECT (rows as arrays, dates as the
 * strings the app's connection also asks for), csv-stringify'd a thousand rows at a time into the same sink.
 */
async function rawRead(url: string): Promise<{ rows: number; bytes: number }> {
  const conn = createConnection({ uri: url, dateStrings: true, supportBigNumbers: true });
  try {
    const { sink, counted } = nullSink();
    const select = conn
      .query({ sql: `select ${EXPORT_COLUMNS.join(", ")} from clients order by id`, rowsAsArray: true })
      .stream({ highWaterMark: RAW_PAGE });
    async function* chunks(): AsyncGenerator<string> {
      yield "\uFEFF" + stringify([EXPORT_COLUMNS]);
      let page: unknown[][] = [];
      for await (const row of select as AsyncIterable<unknown[]>) {
        page.push(row);
        if (page.length === RAW_PAGE) {
          yield stringify(page);
          page = [];
        }
      }
      if (page.length) yield stringify(page);
    }
    await pipeline(chunks, sink);
    return counted();
  } finally {
    await new Promise((resolve) => conn.end(resolve));
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const verdict = (ok: boolean, what: string) => `${ok ? "PASS" : "MISS"} (${what})`;
const rate = (rows: number, ms: number) => Math.round((rows / ms) * 1000);

/** The import through the job, then (MariaDB) the raw insert of the same file. */
async function measureImport(rt: Runtime, url: string, file: string) {
  const imported = await withPeakRss(() => importThroughJob(rt, file));
  const { status } = imported.value;
  if (status.state !== "done" || status.created !== ROWS)
    throw new Error(`the import did not create every row: ${JSON.stringify({ ...status, errors: status.errors.slice(0, 5) })}`);
  const [{ n }] = (await rt.db("clients").count({ n: "*" })) as { n: number }[];
  if (Number(n) !== ROWS) throw new Error(`clients holds ${n} rows, not ${ROWS}`);
  let raw: { ms: number; peakMb: number } | null = null;
  if (KIND === "mysql") {
    global.gc?.();
    const measured = await withPeakRss(() => rawInsert(url, file));
    if (measured.value !== ROWS) throw new Error(`the raw insert read ${measured.value} rows`);
    raw = measured;
  }
  return { ...imported, raw };
}

function printImport(imported: Awaited<ReturnType<typeof measureImport>>) {
  const { raw } = imported;
  const importRate = rate(ROWS, imported.ms);
  const { startMs } = imported.value;
  console.log(
    `\nimport through the job      ${fmt(imported.ms)} ms  ${importRate.toLocaleString("en")} rows/s  peak RSS ${imported.peakMb.toFixed(0)} MB`,
  );
  console.log(`  of which the upload (scan, store as the job's input) ${fmt(startMs)} ms, the job ${fmt(imported.ms - startMs)} ms`);
  if (raw) {
    const rawRate = rate(ROWS, raw.ms);
    console.log(
      `raw mysql2 multi-row insert ${fmt(raw.ms)} ms  ${rawRate.toLocaleString("en")} rows/s  peak RSS ${raw.peakMb.toFixed(0)} MB`,
    );
    const ratio = importRate / rawRate;
    console.log(`import / raw                ${ratio.toFixed(2)}×  ${verdict(ratio >= TARGET.ratio, `≥ ${TARGET.ratio}×`)}`);
  }
  console.log(
    `import rate                 ${verdict(importRate >= TARGET.importRate, `≥ ${TARGET.importRate.toLocaleString("en")} rows/s`)}`,
  );
  console.log(`import memory               ${verdict(imported.peakMb < TARGET.rssMb, `< ${TARGET.rssMb} MB RSS`)}`);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-import-bench-"));
  const file = path.join(dir, "clients.csv");
  const database = await benchDatabase(KIND);
  const rt = await createRuntime({ databaseUrl: database.url });
  try {
    console.log(
      `bench:import — ${ROWS.toLocaleString("en")} clients on ${KIND}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    const size = await writeCsv(file, ROWS);
    console.log(`CSV written: ${(size / MB).toFixed(1)} MB`);
    await rt.workspace.apply({ baseVersion: 0, schema: schema() });
    global.gc?.();
    console.log(`RSS before the import: ${(process.memoryUsage().rss / MB).toFixed(0)} MB`);

    let imported: Awaited<ReturnType<typeof measureImport>> | null = null;
    if (EXPORT_ONLY) {
      if (KIND !== "mysql") throw new Error("--export-only fills the table with mysql2: MariaDB only");
      const filled = await rawInsert(database.url, file, "clients");
      if (filled !== ROWS) throw new Error(`the raw insert read ${filled} rows`);
      console.log(`clients filled by the raw insert (no import)`);
    } else imported = await measureImport(rt, database.url, file);

    global.gc?.();
    const exported = await withPeakRss(() => exportAll(rt));
    if (exported.value.rows !== ROWS) throw new Error(`the export wrote ${exported.value.rows} rows, not ${ROWS}`);
    const exportRate = rate(ROWS, exported.ms);
    let read: Awaited<ReturnType<typeof withPeakRss<{ rows: number; bytes: number }>>> | null = null;
    if (KIND === "mysql") {
      global.gc?.();
      read = await withPeakRss(() => rawRead(database.url));
      if (read.value.rows !== ROWS) throw new Error(`the raw read wrote ${read.value.rows} rows, not ${ROWS}`);
    }

    if (imported) printImport(imported);
    console.log(
      `\nexport to CSV               ${fmt(exported.ms)} ms  ${exportRate.toLocaleString("en")} rows/s  ${(exported.value.bytes / MB).toFixed(1)} MB  Node CPU ${fmt(exported.cpuMs)} ms  peak RSS ${exported.peakMb.toFixed(0)} MB`,
    );
    if (exported.value.sha256) console.log(`export SHA-256              ${exported.value.sha256}`);
    if (read) {
      const readRate = rate(ROWS, read.ms);
      console.log(
        `raw mysql2 select to CSV    ${fmt(read.ms)} ms  ${readRate.toLocaleString("en")} rows/s  ${(read.value.bytes / MB).toFixed(1)} MB  Node CPU ${fmt(read.cpuMs)} ms  peak RSS ${read.peakMb.toFixed(0)} MB`,
      );
      console.log(
        `export / raw                ${(exportRate / readRate).toFixed(2)}×  (Node CPU ${(exported.cpuMs / read.cpuMs).toFixed(2)}× raw's)`,
      );
    }
    console.log(
      `export rate                 ${verdict(exportRate >= TARGET.exportRate, `≥ ${TARGET.exportRate.toLocaleString("en")} rows/s`)}`,
    );
    console.log(`export memory               ${verdict(exported.peakMb < TARGET.rssMb, `< ${TARGET.rssMb} MB RSS`)}`);
    console.log(`load average after          ${loadAverage()}`);
  } finally {
    await rt.close();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
