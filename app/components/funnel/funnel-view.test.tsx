import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { compileSchema } from "@runtime/schema/compile";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { buildFunnel, type FunnelPageData } from "@runtime/views/funnel";
import { FunnelView } from "./funnel-view";

const compiled = compileSchema({
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $defs: {
    deals: {
      type: "object",
      "x-id": "t_deals",
      properties: {
        stage: {
          type: "string",
          "x-id": "f_stage",
          "x-kind": "select",
          enum: ["lead", "won", "lost"],
          "x-labels": { lead: "Lead", won: "Won", lost: "Lost" },
          "x-option-meta": { lead: { probability: 0.4 }, won: { probability: 1 }, lost: { probability: 0 } },
        },
        amount: { type: "number", "x-id": "f_amount", "x-kind": "money", "x-currency-field": "currency" },
        currency: { type: "string", "x-id": "f_currency", "x-kind": "select", enum: ["EUR", "USD"] },
      },
    },
  },
} as WorkspaceSchema);
const table = compiled.tablesByKey.get("deals")!;

function page(): FunnelPageData {
  return {
    table: { key: "deals", label: "Deal", pluralLabel: "Deals" },
    field: { key: "stage", label: "Stage" },
    fields: [{ key: "stage", label: "Stage" }],
    money: table.fieldsByKey.get("amount")!,
    dateField: { key: "closed", label: "Closed" },
    funnel: buildFunnel(table.fieldsByKey.get("stage")!, [
      {
        value: "lead",
        count: 3,
        sums: [
          { currency: "EUR", sum: 300 },
          { currency: "USD", sum: 50 },
        ],
      },
      { value: "won", count: 1, sums: [{ currency: "EUR", sum: 1000 }] },
      { value: "lost", count: 4, sums: [] },
    ]),
    months: [{ month: "2026-11", won: { count: 1, sums: [] }, lost: { count: 2, sums: [] } }],
    since: "2026-01",
    params: { page: 1, cursors: [], q: "acme" },
  };
}

describe("FunnelView", () => {
  const html = renderToString(
    <StaticRouter location="/t/deals/funnel">
      <FunnelView data={page()} monthsShown={12} />
    </StaticRouter>,
  );

  it("reserves each chart's box at its proportions on the server, so nothing moves when it is drawn", () => {
    // Two stages in the funnel: 2 rows of 44 px and 40 px of axes; the months chart is 260 px high.
    expect(html).toContain('class="funnel__chart" aria-hidden="true" style="aspect-ratio:760 / 128"');
    expect(html).toContain('style="aspect-ratio:760 / 260"');
  });

  it("tells the figures in tables: money per currency, never added across, and the drill-down keeps the search", () => {
    expect(html).toContain("€300.00 · $50.00");
    expect(html).toContain('href="/t/deals?q=acme&amp;f=%5B%5B%22stage%22%2C%22eq%22%2C%22lead%22%5D%5D">Lead</a>');
    // Lead reached by all 8 (lost ones entered there), 1 of them went on to won.
    expect(html).toMatch(
      />Lead<\/a><\/th><td class="num">40 %<\/td><td class="num">3<\/td>.*?<td class="num">8<\/td><td class="num">13 %<\/td>/,
    );
    expect(html).toContain("<caption>Won and lost by month</caption>");
    expect(html).toMatch(/<th scope="row">Nov 26<\/th><td>1<\/td><td>2<\/td>/);
  });
});
