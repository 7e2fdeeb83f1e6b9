import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../helpers/app-server";
import { signedInSession } from "../helpers/browser";

/**
 * axe-core over every main screen, signed in as an admin on the demo workspace: a serious or
 * critical violation (contrast, names, labels, roles) fails the test with the rule, the elements
 * and what axe says to fix. Lesser findings are reported by axe but do not fail.
 */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

describe("accessibility of the main screens (axe-core, in Chromium)", () => {
  let session: Awaited<ReturnType<typeof signedInSession>> | undefined;
  let server: AppServer | undefined;
  let page: Page;

  async function audit(url: string): Promise<string[]> {
    const response = await page.goto(`${server!.url}${url}`, { waitUntil: "networkidle0" });
    expect(response?.status(), url).toBe(200);
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }).axe;
      return (await axe.run(document)).violations;
    });
    return (violations as Finding[])
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${url}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
            .slice(0, 3)
            .map((n) => `${n.target.join(" ")} — ${(n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 160)}`)
            .join("; ")}`,
      );
  }

  beforeAll(async () => {
    session = await signedInSession({ width: 1280, height: 900 }, { bypassCSP: true });
    ({ server, page } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it("finds no serious or critical violation on lists, cards, search, designers and admin pages", async () => {
    const ids = await page.evaluate(async () => {
      const first = async (table: string) =>
        ((await (await fetch(`/api/t/${table}?pageSize=1&sort=id`)).json()) as { rows: { id: number }[] }).rows[0].id;
      return { client: await first("clients"), invoice: await first("invoices"), deal: await first("deals") };
    });
    const screens = [
      "/",
      "/t/clients",
      `/t/clients/${ids.client}`,
      "/t/invoices",
      `/t/invoices/${ids.invoice}`,
      `/t/deals/${ids.deal}`,
      "/t/clients/new",
      "/search?q=a",
      "/tasks",
      "/reports",
      "/dashboards",
      "/import/clients",
      "/admin/overview",
      "/admin/schema",
      "/admin/forms/clients",
      "/admin/prints",
      "/admin/rules",
      "/admin/users",
      "/admin/roles",
      "/admin/mail",
      "/admin/trash",
      "/admin/public-forms",
      "/admin/exchange-rates",
      "/admin/audit",
      "/mailings",
      "/mailings/new",
      "/mailings/unsubscribed",
    ];
    const found: string[] = [];
    for (const url of screens) found.push(...(await audit(url)));
    expect(found).toEqual([]);
  }, 120_000);
});
