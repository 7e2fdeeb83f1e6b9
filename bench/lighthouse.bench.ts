/**
 * npm run bench:lighthouse — Lighthouse's mobile audit (its default: a mid-range phone on a slow
 * 4G link, simulated) of the screens staff open on a phone: the clients list and a client's card.
 * Builds nothing: run `npx remix build` first. Starts the built app (server.mjs) on a fresh SQLite
 * database with the demo records, signs in (the session cookie goes with every request Lighthouse
 * makes) and prints performance, accessibility and best-practices against the targets 90/95/95,
 * with what kept each below its target. RUNS (default 1) audits each page that many times and
 * keeps the median; LIGHTHOUSE_JSON=<dir> keeps each page's full report there. Not a test: scores move with the machine's load, so nothing here runs under
 * `npm test`.
 */
import fs from "node:fs";
import path from "node:path";
import lighthouse from "lighthouse";
import type { Result } from "lighthouse";
import { startAppServer } from "@tests/helpers/app-server";
import { sessionHeaders, signIn } from "@tests/helpers/auth";
import { launchBrowser } from "@tests/helpers/browser";

const RUNS = Math.max(1, Number(process.env.RUNS ?? 1));
const TARGETS = { performance: 90, accessibility: 95, "best-practices": 95 } as const;
type Category = keyof typeof TARGETS;
const CATEGORIES = Object.keys(TARGETS) as Category[];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The audits of a category that lost it points, worst first, in a few words each. */
function shortfalls(lhr: Result, category: Category): string[] {
  const refs = lhr.categories[category]?.auditRefs ?? [];
  return refs
    .filter((ref) => ref.weight > 0)
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit.score !== null && audit.score < 0.9)
    .sort((a, b) => b.ref.weight * (1 - (b.audit.score ?? 0)) - a.ref.weight * (1 - (a.audit.score ?? 0)))
    .slice(0, 5)
    .map(({ audit }) => `${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
}

async function main() {
  const server = await startAppServer();
  const browser = await launchBrowser();
  try {
    const session = await signIn(server.url);
    const headers = sessionHeaders(server.url, session);
    const list = (await (await fetch(`${server.url}/api/t/clients?pageSize=1&sort=id`, { headers })).json()) as { rows: { id: number }[] };
    if (!list.rows.length) throw new Error("the demo records have no clients to open");
    const pages = [
      { name: "clients list", path: "/t/clients" },
      { name: "client card", path: `/t/clients/${list.rows[0].id}` },
    ];
    console.log(`Lighthouse 12, mobile (simulated slow 4G, 4× CPU slowdown), ${RUNS} run(s) per page, median kept\n`);
    let missed = 0;
    for (const target of pages) {
      const scores: Record<Category, number[]> = { performance: [], accessibility: [], "best-practices": [] };
      let last: Result | undefined;
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.newPage();
        const answer = await lighthouse(
          `${server.url}${target.path}`,
          { logLevel: "error", output: "json", onlyCategories: CATEGORIES, extraHeaders: { Cookie: session.cookie } },
          undefined,
          page,
        );
        await page.close();
        if (!answer) throw new Error(`Lighthouse gave no result for ${target.path}`);
        last = answer.lhr;
        if (process.env.LIGHTHOUSE_JSON)
          fs.writeFileSync(path.join(process.env.LIGHTHOUSE_JSON, `${target.path.replace(/\W+/g, "-")}.json`), JSON.stringify(last));
        if (last.runtimeError) throw new Error(`Lighthouse could not audit ${target.path}: ${last.runtimeError.message}`);
        if (new URL(last.finalDisplayedUrl).pathname !== target.path)
          throw new Error(`${target.path} ended at ${last.finalDisplayedUrl}: was the session cookie refused?`);
        for (const c of CATEGORIES) scores[c].push(Math.round((last.categories[c]?.score ?? 0) * 100));
      }
      console.log(`${target.name} (${target.path})`);
      for (const c of CATEGORIES) {
        const score = median(scores[c]);
        const ok = score >= TARGETS[c];
        if (!ok) missed++;
        console.log(`  ${c.padEnd(15)} ${String(score).padStart(3)}  target ${TARGETS[c]}  ${ok ? "ok" : "BELOW"}`);
        if (!ok && last) for (const why of shortfalls(last, c)) console.log(`      - ${why}`);
      }
      if (last) {
        const m = (id: string) => last!.audits[id]?.displayValue ?? "?";
        console.log(
          `  FCP ${m("first-contentful-paint")} · LCP ${m("largest-contentful-paint")} · TBT ${m("total-blocking-time")} · CLS ${m("cumulative-layout-shift")}\n`,
        );
      }
    }
    console.log(missed ? `${missed} score(s) below target` : "every score meets its target");
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
