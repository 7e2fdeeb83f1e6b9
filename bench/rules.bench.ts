/**
 * npm run bench:rules — the shipped "Collect overdue invoice" rule at scale: the default
 * configuration (no demo data) with INVOICES invoices (default 100,000), OVERDUE of them
 * (default 10,000) issued, unpaid and past due. One `runDue` pass must make one collection task
 * each (target: 10,000 in 10 s); a second pass must make none. Beside it, the floor: the same
 * tasks made by one hand-written INSERT … SELECT (no rules, no records service, no audit).
 * Then the cost of rules on a save: p50 of SAVES updates of a client with no rules on its table,
 * then with RULES enabled update rules (each holds, so each save enqueues their event), and the
 * difference (target: under 2 ms).
 * BENCH_DB=mysql|sqlite (default mysql).
 */
import type { Knex } from "knex";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { benchDatabase, fmt, measure, time } from "./lib";

const KIND = (process.env.BENCH_DB ?? "mysql") as "mysql" | "sqlite";
const INVOICES = Number(process.env.INVOICES ?? 100_000);
const OVERDUE = Number(process.env.OVERDUE ?? 10_000);
const CLIENTS = 1_000;
const TARGET_MS = 10_000;
const RULES = Number(process.env.RULES ?? 20);
const SAVES = Number(process.env.SAVES ?? 300);
const SAVE_TARGET_MS = 2;
const ADMIN: Actor = { ...SYSTEM_ACTOR, id: null, name: "Bench", role: "admin" };
/** The invoices fall due on 2026-01-15 (overdue ones) or later; the pass runs on 2026-03-01. */
const PASS_AT = new Date("2026-03-01T08:00:00.000Z");
const STAMP = "2026-01-01 00:00:00.000";

/** A sequence 1…n as a table expression named `s(n)`: MariaDB's sequence engine, SQLite's recursive CTE. */
const seq = (rt: Runtime, n: number) =>
  rt.dialect === "mysql"
    ? `(select seq as n from seq_1_to_${n}) s`
    : `(with recursive r(n) as (select 1 union all select n + 1 from r where n < ${n}) select n from r) s`;

/**
 * Clients with a manager, then invoices: every `INVOICES / OVERDUE`-th one issued, unpaid and past
 * due; the others paid in full, drafts, or not yet due. Stored formula columns are written as the
 * records service would compute them, so the rule's condition (balance > 0) reads them.
 */
async function fill(rt: Runtime, manager: number) {
  const concat = (...parts: string[]) => (rt.dialect === "mysql" ? `concat(${parts.join(", ")})` : parts.join(" || "));
  await rt.db.raw(
    `insert into clients (version, created_at, updated_at, kind, name, status, manager)
     select 1, ?, ?, 'company', ${concat("'Client '", "n")}, 'active', ? from ${seq(rt, CLIENTS)}`,
    [STAMP, STAMP, manager],
  );
  const every = Math.round(INVOICES / OVERDUE);
  // n % every = 0: overdue and unpaid; 1: issued, not yet due; 2: draft; otherwise paid in full.
  const pick = (overdue: string, notDue: string, draft: string, paid: string) =>
    `case when n % ${every} = 0 then ${overdue} when n % ${every} = 1 then ${notDue} when n % ${every} = 2 then ${draft} else ${paid} end`;
  await rt.db.raw(
    `insert into invoices (version, created_at, updated_at, number, client, date, due_date, currency, status,
                           net_total, tax_total, total, paid, balance, payment_state, issued_total, max_discount)
     select 1, ?, ?, ${pick(concat("'INV-2026-'", "n"), concat("'INV-2026-'", "n"), "null", concat("'INV-2026-'", "n"))},
            1 + n % ${CLIENTS}, '2026-01-01',
            ${pick("'2026-01-15'", "'2026-04-30'", "'2026-01-15'", "'2026-01-15'")}, 'EUR',
            ${pick("'issued'", "'issued'", "'draft'", "'issued'")},
            100, 0, 100, ${pick("0", "0", "0", "100")}, ${pick("100", "100", "100", "0")},
            ${pick("'unpaid'", "'unpaid'", "'unpaid'", "'paid'")}, ${pick("100", "100", "0", "100")}, 0
     from ${seq(rt, INVOICES)}`,
    [STAMP, STAMP],
  );
  await rt.db.raw(rt.dialect === "mysql" ? "analyze table clients, invoices" : "analyze");
}

const count = async (db: Knex, table: string) => Number(((await db(table).count({ n: "*" }).first()) as { n: number | string }).n);

/** The floor: the tasks the rule makes, by one INSERT … SELECT in one transaction, rolled back. */
async function floor(rt: Runtime): Promise<{ ms: number; rows: number }> {
  const subject =
    rt.dialect === "mysql"
      ? "concat('Collect ', i.balance, ' on ', i.number, ' from ', c.name)"
      : "'Collect ' || i.balance || ' on ' || i.number || ' from ' || c.name";
  let rows = 0;
  const ms = (
    await time(() =>
      rt.db
        .transaction(async (trx) => {
          await trx.raw(
            `insert into tasks (version, created_at, updated_at, subject, assignee, due, status, priority, about_table, about_id)
             select 1, ?, ?, ${subject}, c.manager, ?, 'open', 'high', 'invoices', i.id
             from invoices i join clients c on c.id = i.client
             where i.status = 'issued' and i.balance > 0 and i.due_date <= ?`,
            [STAMP, STAMP, "2026-03-03 08:00:00.000", "2026-02-28"],
          );
          rows = await count(trx, "tasks");
          throw new Error("rollback");
        })
        .catch((error: Error) => {
          if (error.message !== "rollback") throw error;
        }),
    )
  ).ms;
  return { ms, rows };
}

/** p50 of a client's save with no rules on clients, then with `RULES` enabled update rules: the overhead. */
async function saveOverhead(rt: Runtime): Promise<{ none: number; rules: number }> {
  const client = await rt.records.create(ADMIN, "clients", { kind: "company", name: "Save bench", status: "active" });
  let version = Number(client.version);
  let n = 0;
  const save = async () => {
    const saved = await rt.records.update(ADMIN, "clients", client.id, { name: `Save bench ${++n}` }, version);
    version = Number(saved.version);
  };
  // Without rules before and after (the mean of both), so a drift of the machine's load cancels out.
  const before = (await measure(save, SAVES, 100)).p50;
  const made: number[] = [];
  for (let i = 0; i < RULES; i++) {
    const rule = await rt.automation.rules.create(ADMIN, {
      name: `Bench update rule ${i + 1}`,
      table: "clients",
      enabled: true,
      trigger: { type: "updated" },
      condition: { field: "status", op: "eq", value: "active" },
      actions: [{ type: "notify", to: "manager", title: "{{ record.name }} changed" }],
    });
    made.push(rule.id);
  }
  const rules = (await measure(save, SAVES, 20)).p50;
  for (const id of made) await rt.automation.rules.remove(ADMIN, id);
  const after = (await measure(save, SAVES, 20)).p50;
  return { none: (before + after) / 2, rules };
}

async function main() {
  const database = await benchDatabase(KIND);
  const rt = await createRuntime({ databaseUrl: database.url, seed: { configuration: DEFAULT_CONFIGURATION.configuration } });
  try {
    const [manager] = (await rt.db("crm_users").insert({
      name: "Bench Manager",
      email: "manager@bench.example",
      role: "staff",
      active: true,
      created_at: STAMP,
      updated_at: STAMP,
    })) as number[];
    const filled = await time(() => fill(rt, Number(manager)));
    console.log(
      `${KIND}: ${INVOICES.toLocaleString("en")} invoices, ${OVERDUE.toLocaleString("en")} overdue, filled in ${fmt(filled.ms)} ms`,
    );

    const raw = await floor(rt);
    console.log(
      `floor: INSERT … SELECT of ${raw.rows.toLocaleString("en")} tasks in ${fmt(raw.ms)} ms (${Math.round(raw.rows / (raw.ms / 1000)).toLocaleString("en")}/s)`,
    );

    const shapes = new Map<string, number>();
    let queries = 0;
    const onQuery = (q: { sql: string }) => {
      queries++;
      if (!process.env.BENCH_PROFILE) return;
      const shape = q.sql
        .replace(/\(\?(, \?)*\)/g, "(…)")
        .replace(/`\w+_\d+`/g, "…")
        .slice(0, 160);
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    };
    rt.db.on("query", onQuery);
    const first = await time(() => rt.automation.runDue(PASS_AT));
    rt.db.off("query", onQuery);
    if (process.env.BENCH_PROFILE)
      for (const [shape, n] of [...shapes].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${n}\t${shape}`);
    const tasks = await count(rt.db, "tasks");
    const rate = tasks / (first.ms / 1000);
    console.log(
      `first pass: ${first.value.runs.toLocaleString("en")} runs, ${first.value.failed} failed, ${tasks.toLocaleString("en")} tasks in ${fmt(first.ms)} ms (${Math.round(rate).toLocaleString("en")}/s)`,
    );
    console.log(`  ${(queries / Math.max(1, first.value.runs)).toFixed(1)} queries per run`);
    for (const e of first.value.errors) console.log(`  rule ${e.rule}: ${e.message}`);
    const second = await time(() => rt.automation.runDue(new Date(PASS_AT.getTime() + 60_000)));
    const after = await count(rt.db, "tasks");
    console.log(`second pass: ${second.value.runs} runs, ${after - tasks} new tasks in ${fmt(second.ms)} ms`);

    console.log(`ratio first pass / floor: ${(first.ms / raw.ms).toFixed(1)}×`);
    const verdict =
      first.ms <= TARGET_MS ? "meets" : `misses by ${(first.ms / TARGET_MS).toFixed(1)}× (${fmt(first.ms - TARGET_MS)} ms over)`;
    console.log(`target ${OVERDUE.toLocaleString("en")} tasks in ${TARGET_MS / 1000} s: ${verdict}`);
    const saves = await saveOverhead(rt);
    const overhead = saves.rules - saves.none;
    console.log(
      `save p50: ${fmt(saves.none)} ms with no rules, ${fmt(saves.rules)} ms with ${RULES} update rules: +${fmt(overhead)} ms (target ${SAVE_TARGET_MS} ms: ${overhead <= SAVE_TARGET_MS ? "meets" : "misses"})`,
    );
    const ok = tasks === OVERDUE && raw.rows === OVERDUE && second.value.runs === 0 && after === tasks;
    console.log(ok ? "counts: ok" : `counts: WRONG (tasks ${tasks}, floor ${raw.rows}, second pass ${second.value.runs})`);
    if (!ok) process.exitCode = 1;
  } finally {
    await rt.close();
    await database.drop();
  }
}

await main();
