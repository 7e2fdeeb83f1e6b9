// @vitest-environment jsdom
import { cleanup, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrintJobStatus } from "@runtime/print/print-jobs";
import { BatchPrint, usePrintTemplates } from "./batch-print";

interface StartCall {
  template: string;
  ids?: number[];
  query?: unknown;
  format: string;
}
const starts: StartCall[] = [];
const deletes: string[] = [];
const templateLookups: string[] = [];
const jobs = new Map<string, PrintJobStatus>();
/** Records each poll prints; 0 holds a job still so a test can look at it or cancel it. */
let step = 100;
/** A job's end state instead of done, e.g. a failure. */
let ending: Partial<PrintJobStatus> | null = null;

const server = setupServer(
  http.get("*/api/prints", ({ request }) => {
    const table = new URL(request.url).searchParams.get("table");
    templateLookups.push(String(table));
    if (table === "payments") return HttpResponse.json({ templates: [] });
    return HttpResponse.json({
      templates: [
        {
          id: "old",
          name: "Old invoice",
          table,
          conditional: false,
          problems: [{ message: 'uses removed field "vat_no" of Clients (record.client.vat_no)' }],
        },
        { id: "invoice", name: "Invoice", table, conditional: false, problems: [] },
        { id: "bill", name: "Bill for payment", table, conditional: false, problems: [] },
      ],
    });
  }),
  http.post("*/api/print/:template/jobs", async ({ request, params }) => {
    const { ids, query, format } = (await request.json()) as { ids?: number[]; query?: unknown; format: string };
    starts.push({ template: String(params.template), ...(ids ? { ids } : { query }), format });
    if (ids?.includes(666))
      return HttpResponse.json(
        { error: "you already have 2 print jobs running: wait for one to finish or cancel it, then print again" },
        { status: 409 },
      );
    const jobId = `job${starts.length}`;
    const name = params.template === "bill" ? "Bill for payment" : "Invoice";
    // The query's condition rules out 12 of the 437 it finds; chosen ids that are 777 get skipped while printing.
    const skipped = ids ? ids.filter((id) => id === 777).length : 12;
    const total = (ids ? ids.length : 437) - skipped;
    const skippedNames = ids?.includes(777) ? ["INV-2026-0777"] : [];
    const job: PrintJobStatus = {
      jobId,
      state: "running",
      format: format as "pdf" | "zip",
      done: 0,
      total,
      skipped,
      skippedNames,
      fileName: `${name} – ${total} Invoices.${format}`,
    };
    jobs.set(jobId, job);
    return HttpResponse.json(job, { status: 202 });
  }),
  http.get("*/api/print/jobs/:jobId", ({ params }) => {
    const job = jobs.get(String(params.jobId));
    if (!job) return HttpResponse.json({ error: `there is no print job "${String(params.jobId)}"` }, { status: 404 });
    if (job.state === "running") {
      const done = Math.min(job.total, job.done + step);
      Object.assign(job, { done }, done === job.total ? (ending ?? { state: "done" }) : {});
    }
    return HttpResponse.json(job);
  }),
  http.delete("*/api/print/jobs/:jobId", ({ params }) => {
    deletes.push(String(params.jobId));
    const job = jobs.get(String(params.jobId))!;
    if (job.state === "running") job.state = "canceled";
    return HttpResponse.json(job);
  }),
);

const saved: { href: string; download: string }[] = [];
let clickSpy: { mockRestore(): void } | undefined;
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  // jsdom does not download: record what the component asks the browser to save.
  clickSpy = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ href: new URL(this.href).pathname, download: this.download });
  });
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  clickSpy?.mockRestore();
  starts.length = deletes.length = templateLookups.length = saved.length = 0;
  jobs.clear();
  step = 100;
  ending = null;
});
afterAll(() => server.close());

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const templates = [
  { id: "invoice", name: "Invoice" },
  { id: "bill", name: "Bill for payment" },
];
const bar = () => screen.getByRole("progressbar", { name: "Printing progress" }) as HTMLProgressElement;

describe("BatchPrint", () => {
  it("loads the table's templates, a broken one disabled, and saves the printed PDF", async () => {
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={[1, 2]} pollMs={5} />);
    const select = (await screen.findByRole("combobox", { name: "Print template" })) as HTMLSelectElement;
    expect([...select.options].map((o) => [o.textContent, o.disabled])).toEqual([
      ["Old invoice (needs fixing in the print designer)", true],
      ["Invoice", false],
      ["Bill for payment", false],
    ]);
    expect(select.value).toBe("invoice");
    expect((screen.getByRole("combobox", { name: "Print into" }) as HTMLSelectElement).value).toBe("pdf");
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    await screen.findByText(/Printed 2 invoices\./);
    expect(starts).toEqual([{ template: "invoice", ids: [1, 2], format: "pdf" }]);
    expect(saved).toEqual([{ href: "/api/print/jobs/job1/file", download: "Invoice – 2 Invoices.pdf" }]);
    const again = screen.getByRole("link", { name: "Download Invoice – 2 Invoices.pdf" });
    expect(again.getAttribute("href")).toBe("/api/print/jobs/job1/file");
  });

  it("offers nothing when the table has no templates the actor may print", async () => {
    // While the templates load BatchPrint shows nothing either: wait for the answer itself.
    const { result } = renderHook(() => usePrintTemplates("payments"));
    await waitFor(() => expect(result.current).toEqual([]));
    expect(templateLookups).toEqual(["payments"]);
    const { container } = render(<BatchPrint tableKey="payments" pluralLabel="Payments" ids={[1]} templates={result.current!} />);
    expect(container.innerHTML).toBe("");
  });

  it("prints a ZIP with a progress bar that follows the job to the end", async () => {
    step = 0;
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={range(1, 250)} templates={templates} pollMs={5} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Print template" }), { target: { value: "bill" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Print into" }), { target: { value: "zip" } });
    fireEvent.click(screen.getByRole("button", { name: "Print" }));

    await screen.findByText("Printed 0 of 250 invoices…");
    expect([bar().value, bar().max]).toEqual([0, 250]);
    expect(bar().getAttribute("aria-valuetext")).toBe("0 of 250 invoices printed");
    expect((screen.getByRole("button", { name: "Printing…" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("combobox", { name: "Print into" }) as HTMLSelectElement).disabled).toBe(true);

    jobs.get("job1")!.done = 100;
    await screen.findByText("Printed 100 of 250 invoices…");
    expect(bar().value).toBe(100);
    jobs.get("job1")!.done = 200;
    await screen.findByText("Printed 200 of 250 invoices…");
    step = 100;

    await screen.findByText(/Printed 250 invoices\./);
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(starts).toEqual([{ template: "bill", ids: range(1, 250), format: "zip" }]);
    expect(saved).toEqual([{ href: "/api/print/jobs/job1/file", download: "Bill for payment – 250 Invoices.zip" }]);
    expect(screen.getByRole("link", { name: "Download Bill for payment – 250 Invoices.zip" })).toBeTruthy();
    expect((screen.getByRole("button", { name: "Print" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("prints every record the list finds by sending its query instead of ids", async () => {
    step = 200;
    const query = { q: "acme", filter: { field: "status", op: "eq", value: "issued" }, sort: "-date" };
    render(
      <BatchPrint
        tableKey="invoices"
        pluralLabel="Invoices"
        ids={[]}
        everything={{ query, count: 437 }}
        templates={templates}
        pollMs={5}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    await screen.findByText(/Printed 425 invoices\./);
    expect(screen.getByRole("status").textContent).toContain("Skipped 12 that “Invoice” does not apply to.");
    expect(starts).toEqual([{ template: "invoice", query, format: "pdf" }]);
    expect(saved).toEqual([{ href: "/api/print/jobs/job1/file", download: "Invoice – 425 Invoices.pdf" }]);
  });

  it("names the chosen records it skipped", async () => {
    step = 10;
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={[1, 2, 777]} templates={templates} pollMs={5} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    await screen.findByText(/Printed 2 invoices\./);
    expect(screen.getByRole("status").textContent).toContain("Skipped 1 that “Invoice” does not apply to: INV-2026-0777.");
  });

  it("cancels a running job on the server and says nothing was saved", async () => {
    step = 0;
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={range(1, 40)} templates={templates} pollMs={5} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    await screen.findByText("Printed 0 of 40 invoices…");
    jobs.get("job1")!.done = 12;
    await screen.findByText("Printed 12 of 40 invoices…");
    fireEvent.click(screen.getByRole("button", { name: "Cancel printing" }));
    await screen.findByText("Printing canceled after 12 of 40 invoices; nothing was saved.");
    expect(deletes).toEqual(["job1"]);
    expect(saved).toEqual([]);
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect((screen.getByRole("button", { name: "Print" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows the server's message when printing is refused", async () => {
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={[...range(1, 5), 666]} templates={templates} pollMs={5} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Not printed: you already have 2 print jobs running: wait for one to finish or cancel it, then print again",
    );
    expect(screen.queryByRole("status")).toBeNull();
    expect((screen.getByRole("button", { name: "Print" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows why a job failed part of the way", async () => {
    ending = { state: "failed", error: "printing stopped after 100 of 120: Chromium could not print the document: Target closed" };
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={range(1, 120)} templates={templates} pollMs={5} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Not printed: printing stopped after 100 of 120: Chromium could not print the document: Target closed",
    );
    expect(saved).toEqual([]);
  });

  it("refuses more than 2,000 records before asking the server", async () => {
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={range(1, 2001)} templates={templates} pollMs={5} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Not printed: a print job takes at most 2,000 records and 2,001 were chosen: narrow the list with a filter and print it in parts.",
    );
    expect(starts).toEqual([]);
  });

  it("reports a failure that is not JSON by its status", async () => {
    server.use(
      http.post("*/api/print/:template/jobs", () => new HttpResponse("<html>oops</html>", { status: 502, statusText: "Bad Gateway" })),
    );
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={[1, 2, 3]} templates={templates} pollMs={5} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Not printed: The server answered 502 Bad Gateway.");
  });

  it("cancels its running job when it goes away", async () => {
    step = 0;
    const view = render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={range(1, 30)} templates={templates} pollMs={5} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    await screen.findByText("Printed 0 of 30 invoices…");
    view.unmount();
    await waitFor(() => expect(deletes).toEqual(["job1"]));
    expect(jobs.get("job1")!.state).toBe("canceled");
  });
});
