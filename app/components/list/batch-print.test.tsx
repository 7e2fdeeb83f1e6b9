// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { BatchPrint } from "./batch-print";

interface BatchCall {
  template: string;
  ids: number[];
  csrf: string | null;
}
const calls: BatchCall[] = [];
const templateLookups: string[] = [];
/** Lets a test hold the server's answer until it has looked at the progress bar. */
let gate: Promise<void> = Promise.resolve();

const server = setupServer(
  http.get("*/api/prints", ({ request }) => {
    const table = new URL(request.url).searchParams.get("table");
    templateLookups.push(String(table));
    if (table === "payments") return HttpResponse.json({ templates: [] });
    return HttpResponse.json({
      templates: [
        { id: "old", name: "Old invoice", table, conditional: false, problems: [{ message: 'uses removed field "vat_no" of Clients (record.client.vat_no)' }] },
        { id: "invoice", name: "Invoice", table, conditional: false, problems: [] },
        { id: "bill", name: "Bill for payment", table, conditional: false, problems: [] },
      ],
    });
  }),
  http.post("*/api/print/:template/batch", async ({ request, params }) => {
    const { ids } = (await request.json()) as { ids: number[] };
    calls.push({ template: String(params.template), ids, csrf: request.headers.get("X-CSRF-Token") });
    await gate;
    if (ids.includes(666)) return HttpResponse.json({ error: `"Receipt" is not offered for INV-2026-0666: its condition does not hold` }, { status: 409 });
    return new HttpResponse(new Uint8Array([37, 80, 68, 70, ids.length]), { headers: { "Content-Type": "application/pdf" } });
  }),
);

const created: Blob[] = [];
const revoked: string[] = [];
const saved: { href: string; download: string }[] = [];
let clickSpy: { mockRestore(): void } | undefined;
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  // jsdom has neither object URLs nor downloads: record what the component asks for.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    created.push(blob);
    return `blob:test/${created.length}`;
  });
  URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
  clickSpy = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ href: this.href, download: this.download });
  });
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  clickSpy?.mockRestore();
  calls.length = templateLookups.length = created.length = revoked.length = saved.length = 0;
  gate = Promise.resolve();
});
afterAll(() => server.close());

const NOW = () => new Date(2026, 10, 24, 15, 30);
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const templates = [
  { id: "invoice", name: "Invoice" },
  { id: "bill", name: "Bill for payment" },
];

function hold(): () => void {
  let open!: () => void;
  gate = new Promise<void>((resolve) => (open = resolve));
  return open;
}

describe("BatchPrint", () => {
  it("loads the table's templates and offers them as a choice, a broken one disabled", async () => {
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={[1, 2]} now={NOW} />);
    const select = (await screen.findByRole("combobox", { name: "Print template" })) as HTMLSelectElement;
    expect([...select.options].map((o) => [o.textContent, o.disabled])).toEqual([
      ["Old invoice (needs fixing in the print designer)", true],
      ["Invoice", false],
      ["Bill for payment", false],
    ]);
    expect(select.value).toBe("invoice");
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    await screen.findByText("Printed 2 invoices.");
    expect(calls.map((c) => c.template)).toEqual(["invoice"]);
  });

  it("offers nothing when the table has no templates the actor may print", async () => {
    const { container } = render(<BatchPrint tableKey="payments" pluralLabel="Payments" ids={[1]} now={NOW} />);
    await waitFor(() => expect(templateLookups).toEqual(["payments"]));
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(container.innerHTML).toBe("");
  });

  it("prints up to 100 records in one request with an indeterminate progress bar, then saves the PDF", async () => {
    const open = hold();
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={range(1, 12)} templates={templates} now={NOW} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Print template" }), { target: { value: "bill" } });
    fireEvent.click(screen.getByRole("button", { name: "Print" }));

    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("Printing 12 invoices…");
    const bar = status.querySelector("progress")!;
    expect(bar.hasAttribute("value")).toBe(false);
    expect((screen.getByRole("button", { name: "Printing…" }) as HTMLButtonElement).disabled).toBe(true);
    open();

    await screen.findByText("Printed 12 invoices.");
    expect(calls).toEqual([{ template: "bill", ids: range(1, 12), csrf: null }]);
    expect(saved).toEqual([{ href: "blob:test/1", download: "Invoices 2026-11-24 (12).pdf" }]);
    expect(created[0].size).toBe(5);
    const again = screen.getByRole("link", { name: "Invoices 2026-11-24 (12).pdf" });
    expect(again.getAttribute("download")).toBe("Invoices 2026-11-24 (12).pdf");
  });

  it("prints more than 100 records in parts of 100, each a download link as soon as it is ready", async () => {
    let open = hold();
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={range(1, 250)} templates={templates} now={NOW} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));

    await waitFor(() => expect(calls).toHaveLength(1));
    let bar = screen.getByRole("status").querySelector("progress")!;
    expect(screen.getByRole("status").textContent).toContain("Printing 100 of 250…");
    expect([bar.getAttribute("value"), bar.getAttribute("max")]).toEqual(["0", "250"]);

    const first = open;
    open = hold();
    first();
    const part1 = await screen.findByRole("link", { name: "Part 1 of 3" });
    expect(part1.getAttribute("download")).toBe("Invoices 2026-11-24 (250) part 1 of 3.pdf");
    await waitFor(() => expect(calls).toHaveLength(2));
    bar = screen.getByRole("status").querySelector("progress")!;
    expect(bar.getAttribute("value")).toBe("100");
    expect(screen.getByRole("status").textContent).toContain("Printing 200 of 250…");
    gate = Promise.resolve();
    open();

    await screen.findByText("Printed 250 invoices.");
    expect(calls.map((c) => [c.ids[0], c.ids.length])).toEqual([
      [1, 100],
      [101, 100],
      [201, 50],
    ]);
    const links = within(screen.getByRole("list", { name: "Printed files" })).getAllByRole("link");
    expect(links.map((l) => [l.textContent, l.getAttribute("href")])).toEqual([
      ["Part 1 of 3", "blob:test/1"],
      ["Part 2 of 3", "blob:test/2"],
      ["Part 3 of 3", "blob:test/3"],
    ]);
    // Several files are offered, never pushed: browsers block a burst of downloads.
    expect(saved).toEqual([]);
  });

  it("shows the server's message when printing is refused, keeping the parts already printed", async () => {
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={[...range(1, 150), 666]} templates={templates} now={NOW} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(`Part 2 of 2 was not printed: "Receipt" is not offered for INV-2026-0666: its condition does not hold`);
    expect(screen.getByRole("link", { name: "Part 1 of 2" })).toBeTruthy();
    expect(screen.queryByRole("status")).toBeNull();
    expect((screen.getByRole("button", { name: "Print" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("reports a failure that is not JSON by its status", async () => {
    server.use(http.post("*/api/print/:template/batch", () => new HttpResponse("<html>oops</html>", { status: 502, statusText: "Bad Gateway" })));
    render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={[1, 2, 3]} templates={templates} now={NOW} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Not printed: The server answered 502 Bad Gateway.");
    expect(saved).toEqual([]);
  });

  it("frees the PDFs' memory when it goes away", async () => {
    server.use(
      http.post("*/api/print/:template/batch", async () => {
        await delay(5);
        return new HttpResponse(new Uint8Array([1]), { headers: { "Content-Type": "application/pdf" } });
      }),
    );
    const view = render(<BatchPrint tableKey="invoices" pluralLabel="Invoices" ids={[1]} templates={templates} now={NOW} />);
    fireEvent.click(screen.getByRole("button", { name: "Print" }));
    await screen.findByText("Printed 1 record.");
    view.unmount();
    expect(revoked).toEqual(["blob:test/1"]);
  });
});
