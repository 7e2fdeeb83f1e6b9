/**
 * npm run bench:board — the deals board at scale: the default configuration (no demo data) with
 * DEALS deals (default 100,000) over 1,000 clients, on MariaDB (BENCH_DB=mysql|sqlite). One board
 * load is what the page does: the columns' counts and money per currency (one grouped query) and
 * the first 50 cards of every stage with their client's name, through the records service and the
 * admin's rights. Beside it, the same queries written by hand and run the same way (the columns
 * at once). Target: p95 under 50 ms with the advised index on the stage (shipped in the schema).
 * Samples alternate between the two (see measurePair), so the machine's drift touches both alike.
 */
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { optionValues } from "@runtime/fields/options";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { adviseBoardIndex } from "@runtime/search/index-advisor";
import { BOARD_PAGE_SIZE, loadBoard } from "@runtime/views/board-page.server";
import { benchDatabase, fmt, measurePair, percentile, time } from "./lib";

const KIND = (process.env.BENCH_DB ?? "mysql") as "mysql" | "sqlite";
const DEALS = Number(process.env.DEALS ?? 100_000);
const ITERATIONS = Number(process.env.ITERATIONS ?? 200);
const CLIENTS = 1_000;
const TARGET_MS = 50;
const ADMIN: Actor = { ...SYSTEM_ACTOR, id: null, name: "Bench", role: "admin" };
const STAMP = "2026-01-01 00:00:00.000";
const CARD_COLUMNS = ["title", "client", "amount", "expected_close"];

/** A sequence 1…n as a table expression named `s(n)`: MariaDB's sequence engine, SQLite's recursive CTE. */
const seq = (rt: Runtime, n: number) =>
  rt.dialect === "mysql"
    ? `(select seq as n from seq_1_to_${n}) s`
    : `(with recursive r(n) as (select 1 union all select n + 1 from r where n < ${n}) select n from r) s`;

/** Clients, then deals spread over the stages (fewer the further on), in EUR and USD. */
async function fill(rt: Runtime, stages: string[]) {
  const concat = (...parts: string[]) => (rt.dialect === "mysql" ? `concat(${parts.join(", ")})` : parts.join(" || "));
  await rt.db.raw(
    `insert into clients (version, created_at, updated_at, kind, name, status)
     select 1, ?, ?, 'company', ${concat("'Client '", "n")}, 'active' from ${seq(rt, CLIENTS)}`,
    [STAMP, STAMP],
  );
  // n % 20 picks a stage: prospecting 6/20, qualification 5/20, proposal 4/20, negotiation 2/20, won 1/20, lost 2/20.
  const weights = [6, 5, 4, 2, 1, 2];
  let at = 0;
  const cases = stages.map((stage, i) => {
    const from = at;
    at += weights[i] ?? 1;
    return `when n % 20 < ${at} and n % 20 >= ${from} then '${stage}'`;
  });
  await rt.db.raw(
    `insert into deals (version, created_at, updated_at, title, client, amount, currency, stage, expected_close)
     select 1, ?, ?, ${concat("'Deal '", "n")}, 1 + n % ${CLIENTS}, 100 + n % 5000,
            case when n % 3 = 0 then 'USD' else 'EUR' end, case ${cases.join(" ")} else '${stages[0]}' end, '2026-06-30'
     from ${seq(rt, DEALS)}`,
    [STAMP, STAMP],
  );
  await rt.db.raw(rt.dialect === "mysql" ? "analyze table clients, deals" : "analyze");
}

/** The board's queries by hand: counts and sums per stage and currency, and each stage's first cards with the client's name. */
function rawBoard(rt: Runtime, stages: string[]) {
  return async () => {
    const counts = rt.db.raw(
      "select stage, currency, count(*) as n, sum(amount) as total from deals group by stage, currency",
    ) as unknown as Promise<unknown>;
    const columns = stages.map(
      (stage) =>
        rt.db.raw(
          `select d.*, c.name as client_name from deals d left join clients c on c.id = d.client
           where d.stage = ? order by d.id desc limit ${BOARD_PAGE_SIZE + 1}`,
          [stage],
        ) as unknown as Promise<unknown>,
    );
    await Promise.all([counts, ...columns]);
  };
}

async function main() {
  const database = await benchDatabase(KIND);
  const rt = await createRuntime({ databaseUrl: database.url, seed: { configuration: DEFAULT_CONFIGURATION.configuration } });
  try {
    const { compiled } = await rt.workspace.current();
    const table = compiled.tablesByKey.get("deals")!;
    const stages = optionValues(table.fieldsByKey.get("stage")!.def);
    const filled = await time(() => fill(rt, stages));
    console.log(`${KIND}: ${DEALS.toLocaleString("en")} deals in ${stages.length} stages, filled in ${fmt(filled.ms)} ms`);
    const advice = adviseBoardIndex(table, "stage")!;
    console.log(
      `advised index (${advice.columns.join(", ")}): ${advice.served ? "in the schema" : "MISSING: the figures below are without it"}`,
    );

    const service = async () => {
      const board = await loadBoard(rt.records, ADMIN, table, "stage", { filter: undefined, q: undefined, columns: CARD_COLUMNS });
      if (!board || board.columns.length < stages.length) throw new Error("the board lost a column");
    };
    const check = await loadBoard(rt.records, ADMIN, table, "stage", { filter: undefined, q: undefined, columns: CARD_COLUMNS });
    const counted = check!.columns.reduce((n, c) => n + c.count, 0);
    const cards = check!.columns.reduce((n, c) => n + c.cards.length, 0);
    console.log(
      `one load: ${check!.columns.length} columns counting ${counted.toLocaleString("en")} deals, ${cards} cards, sums per currency e.g. ${JSON.stringify(check!.columns[0].sums)}`,
    );

    const { a, b } = await measurePair(service, rawBoard(rt, stages), ITERATIONS);
    const p = (xs: number[], q: number) => percentile(xs, q);
    console.log(`board through the records service: p50 ${fmt(p(a, 50))} ms, p95 ${fmt(p(a, 95))} ms`);
    console.log(`the same queries raw:              p50 ${fmt(p(b, 50))} ms, p95 ${fmt(p(b, 95))} ms`);
    console.log(`ratio p95 service / raw: ${(p(a, 95) / p(b, 95)).toFixed(2)}×`);
    const verdict = p(a, 95) <= TARGET_MS ? "meets" : `misses (${fmt(p(a, 95))} ms)`;
    console.log(`target p95 under ${TARGET_MS} ms: ${verdict}`);
    const ok = counted === DEALS && cards === stages.length * BOARD_PAGE_SIZE;
    console.log(ok ? "counts: ok" : `counts: WRONG (${counted} counted, ${cards} cards)`);
    if (!ok) process.exitCode = 1;
  } finally {
    await rt.close();
    await database.drop();
  }
}

await main();
