import { afterAll, describe, expect, it } from "vitest";
import schema from "@seeds/schema.json";
import { ApiError } from "../errors";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { createLiquidPool } from "./liquid-pool.server";
import { renderTemplate, type PrintContext } from "./render-html";
import { DEFAULT_PAGE } from "./template";

const compiled = compileSchema(schema as unknown as WorkspaceSchema, 1);
const context: PrintContext = {
  record: { number: "INV-7", total: 1234.5, currency: "EUR", status: "issued" },
  company: { name: "Firm" },
  today: "2026-03-02",
  template: { id: "t", name: "Invoice", table: "invoices" },
};
const template = (html: string) => ({
  html,
  css: "b{color:red}",
  page: { ...DEFAULT_PAGE, footer: "{{ record.number }} {{ pageNumber }}" },
});
const NESTED_LOOPS = "{% for i in (1..100000) %}{% for j in (1..100000) %}{{ i }}{% endfor %}{% endfor %}";

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("the Liquid worker pool", () => {
  const pool = createLiquidPool({ size: 1, timeBudgetMs: 2_000 });
  afterAll(() => pool.close());

  it("fills in a document exactly as rendering in place does", async () => {
    const t = template("<p>{{ record.number }}: {{ record.total | money }} {{ record.status | label }}</p><script>x</script>");
    expect(await pool.render(t, [context], { compiled, locale: "en-GB" })).toEqual(
      renderTemplate(t, [context], { compiled, locale: "en-GB" }),
    );
  });

  it("stops loops over large ranges with a 422 that says what to look for, while the event loop runs on", async () => {
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 20);
    const started = performance.now();
    try {
      const error = await refusal(pool.render(template(NESTED_LOOPS), [context], { compiled }));
      expect(error.status).toBe(422);
      expect(error.message).toMatch(/loops over large ranges/);
    } finally {
      clearInterval(ticker);
    }
    expect(performance.now() - started).toBeLessThan(2_000 + 2_000);
    // Rendering in place stalled the loop for the whole render limit (1.5 s here, 3 s before).
    expect(longestGap).toBeLessThan(1_000);
  });

  it("stops a template that builds too much, and one that includes a file, with a 422", async () => {
    const big = await refusal(pool.render(template("{% for i in (1..50000000) %}0123456789{% endfor %}"), [context], { compiled }));
    expect(big.status).toBe(422);
    const include = await refusal(pool.render(template('{% include "letterhead" %}'), [context], { compiled }));
    expect(include.status).toBe(422);
    expect(include.message).toMatch(/cannot include other files/);
  });

  it("answers the next render after a worker was stopped", async () => {
    await refusal(pool.render(template(NESTED_LOOPS), [context], { compiled }));
    const doc = await pool.render(template("<b>{{ record.number }}</b>"), [context], { compiled });
    expect(doc.html).toContain("<b>INV-7</b>");
  });
});

describe("a Liquid pool of two workers", () => {
  // A budget the second worker's start fits in even on a busy machine (CI starts it beside other tests).
  const pool = createLiquidPool({ size: 2, timeBudgetMs: 5_000, spillAfterMs: 100 });
  afterAll(() => pool.close());

  it("hands a document to the second worker once the first has been on a slow one for a while", async () => {
    // Warm up the first worker, so its start is not what is timed.
    await pool.render(template("<b>{{ record.number }}</b>"), [context], { compiled });
    const started = performance.now();
    let slowSettled = false;
    const slow = refusal(pool.render(template(NESTED_LOOPS), [context], { compiled })).finally(() => (slowSettled = true));
    const quick = await pool.render(template("<i>{{ record.number }}</i>"), [context], { compiled });
    expect(quick.html).toContain("<i>INV-7</i>");
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    // Answered while the slow one still runs, not after its time budget stopped it.
    expect(slowSettled).toBe(false);
    expect((await slow).status).toBe(422);
  });

  it("fills documents sent at once, in any order", async () => {
    const docs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pool.render(template(`<p>${i} {{ record.number }}</p>`), [context], { compiled })),
    );
    docs.forEach((doc, i) => expect(doc.html).toContain(`<p>${i} INV-7</p>`));
  });
});
