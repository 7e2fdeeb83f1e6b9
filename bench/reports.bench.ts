/**
 * npm run bench:reports — two shipped reports over INVOICES invoices (default 1,000,000) of the
 * default configuration on MariaDB (BENCH_DB=mysql|sqlite): revenue by month of issued invoices,
 * and receivables aging (what is still owed, by days overdue). Each runs through the reports
 * service as an admin, beside the SQL a person would write for it, alternately (see measurePair),
 * with the indexes the advisor proposes for the two reports in the schema, as an admin would add
 * them. Targets: p95 under 300 ms, and within 1.3× of the hand-written SQL.
 */
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { ReportSpec } from "@runtime/reports/spec";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { adviseReportIndex } from "@runtime/search/index-advisor";
import { benchDatabase, fmt, measurePair, percentile, time } from "./lib";

const KIND = (process.env.BENCH_DB ?? "mysql") as "mysql" | "sqlite";
const INVOICES = Number(process.env.INVOICES ?? 1_000_000);
const ITERATIONS = Number(process.env.ITERATIONS ?? 40);
const CLIENTS = 10_000;
const TARGET_MS = 300;
const TARGET_RATIO = 1.3;
const ADMIN: Actor = { ...SYSTEM_ACTOR, id: null, name: "Bench", role: "admin" };
const STAMP = "2026-01-01 00:00:00.000";
const TODAY = "2026-12-04";

const REVENUE: ReportSpec = {
  table: "invoices",
  groupBy: [{ field: "date", bucket: "month" }],
  measures: [{ op: "sum", field: "total" }],
  filter: { field: "status", op: "eq", value: "issued" },
};
const AGING: ReportSpec = {
  table: "invoices",
  groupBy: [{ field: "due_date", bucket: "aging" }],
  measures: [{ op: "sum", field: "balance" }],
  filter: {
    and: [
      { field: "status", op: "eq", value: "issued" },
      { field: "balance", op: "gt", value: 0 },
    ],
  },
};

/** A sequence 1…n as a table expression named `s(n)`: MariaDB's sequence engine, SQLite's recursive CTE. */
const seq = (rt: Runtime, n: number) =>
  rt.dialect === "mysql"
    ? `(select seq as n from seq_1_to_${n}) s`
    : `(with recursive r(n) as (select 1 union all select n + 1 from r where n < ${n}) select n from r) s`;

/** Invoices over three years, four in five issued, in EUR, USD and SEK; one in three partly paid. */
async function fill(rt: Runtime) {
  const concat = (...parts: string[]) => (rt.dialect === "mysql" ? `concat(${parts.join(", ")})` : parts.join(" || "));
  const day = (expr: string) =>
    rt.dialect === "mysql" ? `date_add('2024-01-01', interval ${expr} day)` : `date('2024-01-01', '+' || (${expr}) || ' days')`;
  await rt.db.raw(
    `insert into clients (version, created_at, updated_at, kind, name, status)
     select 1, ?, ?, 'company', ${concat("'Client '", "n")}, 'active' from ${seq(rt, CLIENTS)}`,
    [STAMP, STAMP],
  );
  await rt.db.raw(
    `insert into invoices (version, created_at, updated_at, number, kind, client, date, due_date, currency, status, total, paid, balance)
     select 1, ?, ?, ${concat("'B-'", "n")}, 'invoice', 1 + n % ${CLIENTS}, ${day("n % 1070")}, ${day("n % 1070 + 30")},
            case n % 3 when 0 then 'USD' when 1 then 'EUR' else 'SEK' end,
            case when n % 5 = 0 then 'draft' else 'issued' end,
            100 + n % 9000, case when n % 3 = 0 then 50 else 0 end, 100 + n % 9000 - case when n % 3 = 0 then 50 else 0 end
     from ${seq(rt, INVOICES)}`,
    [STAMP, STAMP],
  );
}

/** The SQL a person would write for each report. */
function handWritten(rt: Runtime) {
  const month = rt.dialect === "mysql" ? "date_format(date, '%Y-%m')" : "substr(date, 1, 7)";
  const shift = (days: number) => new Date(Date.parse(TODAY) - days * 86_400_000).toISOString().slice(0, 10);
  return {
    revenue: () =>
      rt.db.raw(
        `select ${month} as month, currency, sum(total) as total from invoices where status = 'issued' group by month, currency order by month, currency`,
      ) as unknown as Promise<unknown>,
    aging: () =>
      rt.db.raw(
        `select case when due_date >= ? then 'current' when due_date >= ? then '1-30' when due_date >= ? then '31-60'
                     when due_date >= ? then '61-90' else '90+' end as bucket, currency, sum(balance) as owed
         from invoices where status = 'issued' and balance > 0 group by bucket, currency`,
        [TODAY, shift(30), shift(60), shift(90)],
      ) as unknown as Promise<unknown>,
  };
}

async function main() {
  const database = await benchDatabase(KIND);
  const rt = await createRuntime({ databaseUrl: database.url, seed: { configuration: DEFAULT_CONFIGURATION.configuration } });
  try {
    const filled = await time(() => fill(rt));
    console.log(
      `${KIND}: ${INVOICES.toLocaleString("en")} invoices over ${CLIENTS.toLocaleString("en")} clients, filled in ${fmt(filled.ms)} ms`,
    );

    // The indexes the advisor proposes for the two reports, added as an admin would.
    const { version, schema, compiled } = await rt.workspace.current();
    const table = compiled.tablesByKey.get("invoices")!;
    const next = structuredClone(schema);
    const indexes = [REVENUE, AGING].map((spec, i) => ({ "x-id": `i_bench_report_${i}`, ...adviseReportIndex(table, spec)!.entry }));
    next.$defs.invoices["x-indexes"] = [...(next.$defs.invoices["x-indexes"] ?? []), ...indexes];
    const indexed = await time(() => rt.workspace.apply({ baseVersion: version, schema: next }));
    await rt.db.raw(rt.dialect === "mysql" ? "analyze table invoices" : "analyze");
    console.log(`advised indexes ${indexes.map((x) => `(${x.fields.join(", ")})`).join(" and ")} built in ${fmt(indexed.ms)} ms`);

    const now = new Date(`${TODAY}T12:00:00Z`);
    const { createReportsService } = await import("@runtime/reports/reports.server");
    const reports = createReportsService({ db: rt.db, workspace: rt.workspace, timeZone: "UTC", now: () => now });
    const raw = handWritten(rt);
    let failed = false;
    for (const [name, spec, by] of [
      ["revenue by month", REVENUE, raw.revenue],
      ["receivables aging", AGING, raw.aging],
    ] as const) {
      const result = await reports.run(ADMIN, spec);
      const rows = (await by()) as unknown;
      const handRows = (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : rows) as Record<string, unknown>[];
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      const measured = result.columns.findIndex((c) => c.role === "measure");
      const same =
        result.rows.length === handRows.length &&
        Math.abs(sum(result.rows.map((r) => Number(r[measured]))) - sum(handRows.map((r) => Number(r.total ?? r.owed)))) < 0.01;
      const { a, b } = await measurePair(() => reports.run(ADMIN, spec), by, ITERATIONS, 5);
      const p = (xs: number[], q: number) => percentile(xs, q);
      const ratio = p(a, 95) / p(b, 95);
      const meets = p(a, 95) <= TARGET_MS && ratio <= TARGET_RATIO;
      console.log(
        `\n${name}: ${result.rows.length} rows, ${same ? "same figures as the SQL by hand" : "FIGURES DIFFER from the SQL by hand"}`,
      );
      console.log(`  reports service: p50 ${fmt(p(a, 50))} ms, p95 ${fmt(p(a, 95))} ms`);
      console.log(`  SQL by hand:     p50 ${fmt(p(b, 50))} ms, p95 ${fmt(p(b, 95))} ms`);
      console.log(
        `  ratio p95 ${ratio.toFixed(2)}× — target p95 under ${TARGET_MS} ms and within ${TARGET_RATIO}×: ${meets ? "meets" : "misses"}`,
      );
      if (!same) failed = true;
    }
    if (failed) process.exitCode = 1;
  } finally {
    await rt.close();
    await database.drop();
  }
}

await main();
