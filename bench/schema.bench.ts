/**
 * npm run bench:schema — how long adding, renaming and removing a field takes on a table of
 * 1,000,000 records, through the whole workspace service (check, plan, journal, DDL, version).
 * Prints the time and the ALTER algorithm of each step, next to a table-copying ALTER measured in
 * the same run as the baseline. Target: each change under 100 ms on MariaDB.
 * ROWS=100000 npm run bench:schema for a quicker run; BENCH_DB=sqlite for SQLite.
 */
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { benchDatabase, fmt, time } from "./lib";

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const KIND = (process.env.BENCH_DB ?? "mysql") as "mysql" | "sqlite";

function schema(): WorkspaceSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      clients: {
        type: "object",
        "x-id": "t_clients",
        "x-title-field": "name",
        properties: {
          name: { type: "string", "x-id": "f_name", "x-kind": "text", maxLength: 200 },
          city: { type: "string", "x-id": "f_city", "x-kind": "text", maxLength: 100, "x-indexed": true },
          revenue: { type: "number", "x-id": "f_revenue", "x-kind": "money" },
        },
      },
    },
  };
}

async function fill(rt: Awaited<ReturnType<typeof createRuntime>>) {
  const now = "2026-01-01 00:00:00.000";
  if (rt.dialect === "mysql") {
    // MariaDB's sequence engine makes a million rows in one statement.
    await rt.db.raw(
      `insert into clients (version, created_at, updated_at, name, city, revenue)
       select 1, ?, ?, concat('Client ', seq), concat('City ', seq % 500), seq % 100000 from seq_1_to_${ROWS}`,
      [now, now],
    );
  } else {
    await rt.db.raw(
      `with recursive s(n) as (select 1 union all select n + 1 from s where n < ${ROWS})
       insert into clients (version, created_at, updated_at, name, city, revenue)
       select 1, ?, ?, 'Client ' || n, 'City ' || (n % 500), n % 100000 from s`,
      [now, now],
    );
  }
}

async function main() {
  const database = await benchDatabase(KIND);
  const rt = await createRuntime({ databaseUrl: database.url });
  try {
    await rt.workspace.apply({ baseVersion: 0, schema: schema() });
    const filled = await time(() => fill(rt));
    await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Canary", city: "Lyon", revenue: 12.5 });
    console.log(`${KIND}: ${ROWS.toLocaleString("en")} clients inserted in ${fmt(filled.ms)} ms`);

    const rows: { change: string; ms: number; algorithms: string }[] = [];
    let s = schema();
    let v = 1;
    const change = async (label: string, edit: (s: WorkspaceSchema) => void, confirm = false) => {
      const next = structuredClone(s);
      edit(next);
      const r = await time(() => rt.workspace.apply({ baseVersion: v, schema: next, confirmDestructive: confirm }));
      v = r.value.version;
      s = next;
      const algorithms = r.value.results.map((x) => `${x.op}${x.algorithm && x.algorithm !== "n/a" ? `=${x.algorithm}` : ""}`).join(", ");
      rows.push({ change: label, ms: r.ms, algorithms });
    };
    await change("add field", (n) => {
      n.$defs.clients.properties.phone = { type: "string", "x-id": "f_phone", "x-kind": "phone" };
    });
    await change("rename field", (n) => {
      const p = n.$defs.clients.properties;
      p.telephone = p.phone;
      delete p.phone;
    });
    await change(
      "remove field (to the trash)",
      (n) => {
        delete n.$defs.clients.properties.telephone;
      },
      true,
    );

    // Baseline, same table, same run: the table copy that INSTANT avoids.
    let baseline: number | null = null;
    if (rt.dialect === "mysql") {
      baseline = (await time(() => rt.db.raw("alter table clients add column copied int null, algorithm=copy"))).ms;
      await rt.db.raw("alter table clients drop column copied, algorithm=instant");
    }
    const canary = await rt.records.list(SYSTEM_ACTOR, "clients", { filter: { field: "name", op: "eq", value: "Canary" } });

    console.log(`\n${"change".padEnd(30)} ${"ms".padStart(9)}  target  steps (ALGORITHM)`);
    for (const r of rows)
      console.log(`${r.change.padEnd(30)} ${fmt(r.ms).padStart(9)}  ${r.ms < 100 ? "ok    " : "SLOW  "}  ${r.algorithms}`);
    if (baseline !== null) {
      console.log(`${"baseline: ALTER … ALGORITHM=COPY".padEnd(30)} ${fmt(baseline).padStart(9)}`);
      for (const r of rows) console.log(`  ${r.change}: ${(baseline / r.ms).toFixed(0)}× faster than a table copy`);
    }
    console.log(`\ncanary record intact: ${canary.rows.length === 1 && canary.rows[0].revenue === 12.5 ? "yes" : "NO"}`);
  } finally {
    await rt.close();
    await database.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
