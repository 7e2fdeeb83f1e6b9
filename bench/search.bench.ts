/**
 * npm run bench:search — quick search and saved views at scale, through the records service.
 * Fills `clients` with ROWS records (default 1,000,000) on MariaDB and SQLite (BENCH_DB=mysql|sqlite|both),
 * then prints p50/p95 for: a rare-term and a common-term search, a saved view's filtered and sorted
 * page before and after the index the advisor proposes, and one record by id. Targets: rare-term
 * search p95 < 20 ms, the view's page p95 < 10 ms with its index, a record by id p50 < 1 ms.
 */
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { adviseIndex } from "@runtime/search/index-advisor";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { benchDatabase, fmt, measure as measureCalls } from "./lib";

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const ITERATIONS = Number(process.env.ITERATIONS ?? 100);
const KINDS =
  (process.env.BENCH_DB ?? "both") === "both" ? (["mysql", "sqlite"] as const) : ([process.env.BENCH_DB] as ("mysql" | "sqlite")[]);

function schema(): WorkspaceSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      clients: {
        type: "object",
        "x-id": "t_clients",
        "x-title-field": "name",
        properties: {
          name: { type: "string", "x-id": "f_name", "x-kind": "text", maxLength: 200, "x-searchable": true },
          email: { type: "string", "x-id": "f_email", "x-kind": "email", "x-searchable": true },
          city: { type: "string", "x-id": "f_city", "x-kind": "text", maxLength: 100 },
          status: { type: "string", "x-id": "f_status", "x-kind": "select", enum: ["lead", "active", "inactive"] },
          since: { type: "string", "x-id": "f_since", "x-kind": "date" },
        },
      },
    },
  };
}

// Surnames so the text looks like a CRM's: common ones repeat thousands of times, a few are rare.
const SURNAMES = [
  "Smith",
  "Müller",
  "García",
  "Rossi",
  "Dubois",
  "Novak",
  "Kowalski",
  "Jensen",
  "Murphy",
  "Silva",
  "Costa",
  "Nagy",
  "Horvat",
  "Popescu",
  "Ivanova",
  "Berg",
];

async function fill(rt: Runtime) {
  const names = SURNAMES.map((n, i) => `when ${i} then '${n}'`).join(" ");
  const sql = (seq: string, n: string, concat: (...p: string[]) => string) =>
    `insert into clients (version, created_at, updated_at, name, email, city, status, since)
     select 1, '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000',
       ${concat(`case ${n} % ${SURNAMES.length} ${names} end`, "' & Partners '", n)},
       ${concat("'office'", n, "'@example.com'")},
       ${concat("'City '", `${n} % 500`)},
       case ${n} % 3 when 0 then 'lead' when 1 then 'active' else 'inactive' end,
       ${rt.dialect === "mysql" ? `date_add('2020-01-01', interval ${n} % 2000 day)` : `date('2020-01-01', '+' || (${n} % 2000) || ' days')`}
     from ${seq}`;
  if (rt.dialect === "mysql") await rt.db.raw(sql(`seq_1_to_${ROWS}`, "seq", (...p) => `concat(${p.join(", ")})`));
  else
    await rt.db.raw(
      `with recursive s(n) as (select 1 union all select n + 1 from s where n < ${ROWS}) ${sql("s", "n", (...p) => p.join(" || "))}`,
    );
  for (const name of ["Mercier Lumière", "Zanzibar Trading", "Quetzal Imports"])
    await rt.records.create(SYSTEM_ACTOR, "clients", { name, email: "rare@example.com", city: "City 7", status: "active" });
}

function measure(fn: () => Promise<unknown>) {
  return measureCalls(fn, ITERATIONS);
}

async function run(kind: "mysql" | "sqlite") {
  const database = await benchDatabase(kind);
  const rt = await createRuntime({ databaseUrl: database.url });
  const rows: [string, { p50: number; p95: number }, string][] = [];
  try {
    await rt.workspace.apply({ baseVersion: 0, schema: schema() });
    let t = performance.now();
    await fill(rt);
    console.log(`\n${kind}: ${ROWS.toLocaleString("en")} clients in ${fmt(performance.now() - t)} ms`);
    // The search index was created with the table, so every row above went in through it.
    const rare = await measure(() => rt.records.list(SYSTEM_ACTOR, "clients", { q: "Zanzib" }));
    rows.push(['quick search, rare term ("Zanzib")', rare, rare.p95 < 20 ? "ok (p95 < 20)" : "MISSED (p95 < 20)"]);
    const common = await measure(() => rt.records.list(SYSTEM_ACTOR, "clients", { q: "Rossi", sort: "-id" }));
    rows.push(['quick search, common term ("Rossi", 1 in 16)', common, ""]);

    const view = {
      conditions: [
        { field: "city", op: "eq" as const, value: "City 7" },
        { field: "status", op: "eq" as const, value: "active" },
      ],
      sort: "-since",
    };
    const query = {
      filter: {
        and: [
          { field: "city", op: "eq", value: "City 7" },
          { field: "status", op: "eq", value: "active" },
        ],
      },
      sort: "-since",
      pageSize: 50,
    };
    const before = await measure(() => rt.records.list(SYSTEM_ACTOR, "clients", query));
    rows.push(["saved view page, no index", before, ""]);
    const { compiled, schema: current, version } = await rt.workspace.current();
    const advice = adviseIndex(compiled.tablesByKey.get("clients")!, view)!;
    const next = structuredClone(current);
    next.$defs.clients["x-indexes"] = [{ "x-id": "i_advised", ...advice.entry }];
    t = performance.now();
    await rt.workspace.apply({ baseVersion: version, schema: next });
    console.log(`advised index (${advice.columns.join(", ")}) built in ${fmt(performance.now() - t)} ms`);
    const after = await measure(() => rt.records.list(SYSTEM_ACTOR, "clients", query));
    rows.push([
      `saved view page, advised index (${advice.columns.join(", ")})`,
      after,
      after.p95 < 10 ? "ok (p95 < 10)" : "MISSED (p95 < 10)",
    ]);
    const byId = await measure(() => rt.records.get(SYSTEM_ACTOR, "clients", 500_000 > ROWS ? Math.floor(ROWS / 2) : 500_000));
    rows.push(["one record by id", byId, byId.p50 < 1 ? "ok (p50 < 1)" : "MISSED (p50 < 1)"]);

    console.log(`${"".padEnd(52)} ${"p50".padStart(8)} ${"p95".padStart(8)}  target`);
    for (const [label, r, target] of rows)
      console.log(`${label.padEnd(52)} ${fmt(r.p50).padStart(8)} ${fmt(r.p95).padStart(8)}  ${target}`);
    console.log(`before/after the advised index: ${(before.p50 / after.p50).toFixed(1)}× faster at p50`);
  } finally {
    await rt.close();
    await database.drop();
  }
}

for (const kind of KINDS) await run(kind);
