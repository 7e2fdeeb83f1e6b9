// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { computeFormulas } from "@runtime/records/compute";
import { CardForm, type CardFormProps } from "./card-form";
import type { CardData } from "./card-types";
import { parseCardForm } from "./card-values";
import { cardData } from "./test-card";
import { keepEdit, pendingEditOf } from "../offline/pending-edits";

const lookups: string[] = [];
const server = setupServer(
  http.get("*/api/lookup/:target", ({ request, params }) => {
    const q = new URL(request.url).searchParams.get("q") ?? "";
    lookups.push(`${String(params.target)}:${q}`);
    return HttpResponse.json({
      rows: params.target === "products" ? [{ id: 9, title: "Support plan" }] : [{ id: 1, title: "Acme Freight" }],
    });
  }),
  http.get("*/api/t/products/:id", ({ params }) =>
    HttpResponse.json({
      id: Number(params.id),
      version: 1,
      name: "Support plan",
      description: "Monthly support, long text that is not copied",
      unit: "month",
      price: 120,
      tax_rate: 23,
    }),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  lookups.length = 0;
});
afterAll(() => server.close());

function renderCard(tableKey: string, props: Omit<Partial<CardFormProps>, "data"> & { data?: Partial<CardData> } = {}) {
  const { data, compiled, table } = cardData(tableKey, props.data ?? {});
  const onSubmit = vi.fn<(form: FormData) => void>();
  const view = render(<CardForm compiled={compiled} table={table} onSubmit={onSubmit} {...props} data={data} />);
  return { ...view, onSubmit, compiled, table, data };
}

const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const type = (id: string, text: string) => fireEvent.change(input(id), { target: { value: text } });

const storedInvoice = {
  id: 7,
  version: 3,
  number: "INV-2025-0007",
  client: 1,
  date: "2025-03-01",
  currency: "EUR",
  status: "draft",
  notes: "Original note",
  _expanded: { client: { id: 1, title: "Acme Freight" } },
  items: [
    {
      id: 70,
      invoice: 7,
      position: 1,
      product: null,
      description: "Consulting",
      quantity: 2,
      unit: null,
      price: 100,
      discount: null,
      tax_rate: 23,
    },
    {
      id: 71,
      invoice: 7,
      position: 2,
      product: null,
      description: "Hosting",
      quantity: 1,
      unit: null,
      price: 50,
      discount: null,
      tax_rate: 23,
    },
  ],
};

describe("CardForm layout", () => {
  it("renders tabs, sections and rows of the layout, and switches tabs once hydrated", async () => {
    renderCard("invoices", { data: { record: storedInvoice } });
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((t) => t.textContent)).toEqual(["Details", "Credit notes", "Payments"]);
    expect(tabs[0].getAttribute("aria-selected")).toBe("true");
    const panel = screen.getByRole("tabpanel");
    expect(within(panel).getByRole("region", { name: "Details" })).toBeTruthy();
    expect(within(panel).getByRole("region", { name: "Totals" })).toBeTruthy();
    // Labels are tied to their inputs.
    expect(screen.getByLabelText(/^Notes/)).toBe(input("field-notes"));
    expect(input("field-notes").value).toBe("Original note");

    fireEvent.click(tabs[1]);
    await waitFor(() => expect(screen.getAllByRole("tab")[1].getAttribute("aria-selected")).toBe("true"));
    expect(screen.getByRole("tabpanel").id).toBe("card-panel-1");
  });
});

describe("CardForm lines grid", () => {
  it("adds, edits, reorders and removes lines, recomputing line amounts and totals like the server", async () => {
    const { compiled } = renderCard("invoices", { data: { initial: { client: 1, currency: "EUR", status: "draft" } } });
    const itemsTable = compiled.tablesByKey.get("invoice_items")!;
    const addLine = screen.getByRole("button", { name: "+ Add line" });
    fireEvent.click(addLine);
    fireEvent.click(addLine);
    await waitFor(() => expect(input("field-items-1-description")).toBeTruthy());

    const typed = [
      { description: "Consulting", quantity: "2.5", price: "1150.25", discount: "10", tax_rate: "23" },
      { description: "Hosting", quantity: "3", price: "249", discount: "", tax_rate: "8" },
    ];
    typed.forEach((line, i) => {
      for (const [key, text] of Object.entries(line)) type(`field-items-${i}-${key}`, text);
    });
    const expected = typed.map((l) =>
      computeFormulas(
        itemsTable,
        {
          quantity: Number(l.quantity),
          price: Number(l.price),
          discount: l.discount === "" ? null : Number(l.discount),
          tax_rate: Number(l.tax_rate),
        },
        {},
      ),
    );
    const money = (n: unknown) => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(Number(n));
    const amount = (id: string) => Number(input(id).value.replace(/[^\d.-]/g, ""));
    await waitFor(() => expect(amount("field-items-1-gross")).toBe(expected[1].gross));
    expect(amount("field-items-0-net")).toBe(expected[0].net);
    expect(amount("field-items-0-tax")).toBe(expected[0].tax);
    expect(amount("field-items-0-gross")).toBe(expected[0].gross);
    const total = expected.reduce((sum, l) => sum + Number(l.gross), 0);
    expect(input("field-total").value).toBe(money(Math.round(total * 100) / 100));

    // Move the first line down with the button, then back up with Alt+↑.
    fireEvent.click(screen.getByRole("button", { name: "Move line 1 down" }));
    await waitFor(() => expect(input("field-items-0-description").value).toBe("Hosting"));
    fireEvent.keyDown(input("field-items-1-description"), { key: "ArrowUp", altKey: true });
    await waitFor(() => expect(input("field-items-0-description").value).toBe("Consulting"));

    fireEvent.click(screen.getByRole("button", { name: "Remove line 1" }));
    await waitFor(() => expect(input("field-items-0-description").value).toBe("Hosting"));
    expect(document.getElementById("field-items-1-description")).toBeNull();
    expect(input("field-total").value).toBe(money(expected[1].gross));
  });

  it("picks a product through the relation search and fills the line from it (x-fill)", async () => {
    renderCard("invoices", { data: { initial: { client: 1, currency: "EUR", status: "draft" } } });
    fireEvent.click(screen.getByRole("button", { name: "+ Add line" }));
    await waitFor(() => expect(input("field-items-0-product")).toBeTruthy());
    fireEvent.change(input("field-items-0-product"), { target: { value: "Supp" } });
    const option = await screen.findByRole("option", { name: /Support plan/ });
    fireEvent.click(option);
    expect(lookups).toContain("products:Supp");
    const hidden = document.querySelector('input[type="hidden"][name="items.0.product"]') as HTMLInputElement;
    await waitFor(() => expect(hidden.value).toBe("9"));
    await waitFor(() => expect(input("field-items-0-description").value).toBe("Support plan"));
    expect((document.getElementById("field-items-0-unit") as HTMLSelectElement).value).toBe("month");
    expect(input("field-items-0-price").value).toMatch(/^120(\.00)?$/);
    expect(input("field-items-0-tax_rate").value).toBe("23");
    // The quantity stays the user's; the amounts follow the filled price.
    type("field-items-0-quantity", "2");
    await waitFor(() => expect(input("field-items-0-net").value).toBe("240.00"));
  });
});

describe("CardForm submit", () => {
  it("Ctrl+S on a new invoice sends form data that parses back to what was typed", async () => {
    const { onSubmit, compiled, table } = renderCard("invoices", { data: { initial: { client: 1, currency: "EUR", status: "draft" } } });
    type("field-date", "2025-03-15");
    fireEvent.click(screen.getByRole("button", { name: "+ Add line" }));
    await waitFor(() => expect(input("field-items-0-description")).toBeTruthy());
    type("field-items-0-description", "Consulting");
    type("field-items-0-quantity", "2");
    type("field-items-0-price", "12.5");
    fireEvent.keyDown(input("field-items-0-price"), { key: "s", ctrlKey: true });

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const parsed = parseCardForm(onSubmit.mock.calls[0][0], compiled, table);
    expect(parsed.errors).toEqual({});
    expect(parsed.values).toMatchObject({ client: 1, date: "2025-03-15", currency: "EUR", status: "draft" });
    expect(parsed.lists.items).toHaveLength(1);
    expect(parsed.lists.items[0]).toMatchObject({ description: "Consulting", quantity: 2, price: 12.5, position: 1 });
    // The totals on screen are not reset by sending.
    expect(input("field-total").value).toBe("€25.00");
  });

  it("shows client-side validation errors next to the fields and does not send", async () => {
    const { onSubmit } = renderCard("invoices", { data: { initial: { client: 1, currency: "EUR", status: "draft" } } });
    fireEvent.click(screen.getByRole("button", { name: "+ Add line" }));
    await waitFor(() => expect(input("field-items-0-price")).toBeTruthy());
    type("field-items-0-price", "10");
    fireEvent.submit(document.getElementById("card-form")!);

    const dateError = await screen.findByText("Date is required");
    expect(dateError.id).toBe("field-date-error");
    expect(input("field-date").getAttribute("aria-describedby")).toContain("field-date-error");
    expect(input("field-date").getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("field-items-0-description-error")?.textContent).toBe("Description is required");
    expect(onSubmit).not.toHaveBeenCalled();

    // Correcting a field clears its error as you type.
    type("field-date", "2025-03-15");
    await waitFor(() => expect(screen.queryByText("Date is required")).toBeNull());
  });

  it("keeps the server's 422 input and shows its errors next to the fields", () => {
    renderCard("invoices", {
      data: { initial: { client: 1 } },
      actionData: {
        values: { client: 1, date: null, notes: "Typed before the 422" },
        lists: { items: [{ description: "Kept line", quantity: 1, price: null }] },
        errors: { date: "Date is required", "items.0.price": "Line 1: Unit price is required" },
        formError: "Invoice was not saved: please correct the marked fields",
      },
    });
    expect(screen.getByText("Invoice was not saved: please correct the marked fields")).toBeTruthy();
    expect(input("field-notes").value).toBe("Typed before the 422");
    expect(input("field-items-0-description").value).toBe("Kept line");
    expect(document.getElementById("field-date-error")?.textContent).toBe("Date is required");
    expect(document.getElementById("field-items-0-price-error")?.textContent).toBe("Unit price is required");
  });
});

describe("CardForm conflict", () => {
  it("lists the fields and line cells that differ between their version and the user's input", () => {
    const theirs = {
      ...storedInvoice,
      version: 4,
      notes: "Changed by Anna",
      items: [storedInvoice.items[0], { ...storedInvoice.items[1], price: 60 }],
    };
    renderCard("invoices", {
      data: { record: storedInvoice },
      actionData: {
        values: { ...storedInvoice, notes: "My note" },
        lists: { items: storedInvoice.items.map((l, i) => (i === 0 ? { ...l, description: "Consulting, March" } : l)) },
        conflict: { message: "Saved by someone else", current: theirs },
      },
    });
    const panel = screen.getByRole("alert", { name: "Saved by someone else meanwhile" });
    const rows = within(panel)
      .getAllByRole("row")
      .slice(1)
      .map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows).toEqual([
      ["Notes", "Changed by Anna", "My note"],
      ["Line 1 · Description", "Consulting", "Consulting, March"],
      ["Line 2 · Unit price", "60.00", "50.00"],
    ]);
    expect(within(panel).getByRole("link", { name: "Reload their version" }).getAttribute("href")).toBe("/t/invoices/7");
    const overwrite = within(panel).getByRole("button", { name: "Overwrite with mine" });
    expect(overwrite.getAttribute("value")).toBe("overwrite");
    expect((panel.querySelector('input[name="_theirVersion"]') as HTMLInputElement).value).toBe("4");
    // A plain Save still carries the version the user opened, so it cannot overwrite unknowingly.
    expect((document.querySelector('input[name="_version"]') as HTMLInputElement).value).toBe("3");
    expect(input("field-notes").value).toBe("My note");
  });
});

describe("CardForm without a network", () => {
  let offline: { mockRestore(): void } | undefined;
  afterEach(() => {
    window.localStorage.clear();
    offline?.mockRestore();
    offline = undefined;
  });

  it("keeps a save on this device when the browser is offline, based on the version it was opened at", async () => {
    offline = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    const { onSubmit } = renderCard("invoices", { data: { record: storedInvoice }, userId: 5 });
    type("field-notes", "Typed in the lift");
    fireEvent.click(screen.getByRole("button", { name: /^Save/ }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect((await screen.findByTestId("kept-edit")).textContent).toMatch(/Saved on this device — will be sent when you are back online/);
    const kept = pendingEditOf(5, "invoices", 7)!;
    expect(kept).toMatchObject({ version: 3, changes: { notes: "Typed in the lift" }, state: "pending" });
    // Kept is not lost: the card does not call it unsaved.
    expect(screen.queryByText("Unsaved changes")).toBeNull();
  });

  it("keeps the save when the network failed on the way (the action says so)", async () => {
    const { rerender, compiled, table, data } = renderCard("invoices", { data: { record: storedInvoice }, userId: 5 });
    type("field-notes", "Sent into a tunnel");
    rerender(<CardForm compiled={compiled} table={table} data={data} userId={5} actionData={{ networkFailed: true }} />);
    await screen.findByTestId("kept-edit");
    expect(pendingEditOf(5, "invoices", 7)?.changes).toEqual({ notes: "Sent into a tunnel" });
  });

  it("restores a kept edit into the form, and shows one the server found stale as a conflict", async () => {
    keepEdit(5, { table: "invoices", id: 7, version: 2, changes: { notes: "Mine, from the road" }, title: "INV-2025-0007" });
    const first = renderCard("invoices", { data: { record: storedInvoice }, userId: 5 });
    await waitFor(() => expect(input("field-notes").value).toBe("Mine, from the road"));
    expect(screen.getByTestId("kept-edit").textContent).toMatch(/Saved on this device/);
    expect(screen.queryByText("Unsaved changes")).toBeNull();
    // Saved from here it is checked against the version it was typed on, not the newer one shown.
    expect((document.querySelector('input[name="_version"]') as HTMLInputElement).value).toBe("2");
    first.unmount();

    const all = JSON.parse(window.localStorage.getItem("tessera.pending-edits.5")!) as Record<string, { state: string }>;
    all["invoices/7"].state = "conflict";
    window.localStorage.setItem("tessera.pending-edits.5", JSON.stringify(all));
    renderCard("invoices", { data: { record: { ...storedInvoice, notes: "Theirs" } }, userId: 5 });
    const panel = await screen.findByRole("alert", { name: "Saved by someone else meanwhile" });
    const row = within(panel).getByRole("row", { name: /Notes/ });
    expect(Array.from(row.children).map((c) => c.textContent)).toEqual(["Notes", "Theirs", "Mine, from the road"]);
    expect(input("field-notes").value).toBe("Mine, from the road");
  });
});

describe("CardForm offers only what the role may do", () => {
  it("shows a card the role may not change read-only, without Save, Delete or line actions", () => {
    const { onSubmit } = renderCard("invoices", {
      data: { record: storedInvoice, rights: { create: false, update: false, delete: false, locked: [] } },
    });
    expect(screen.queryByRole("button", { name: /^Save/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Delete" })).toBeNull();
    expect(screen.queryByRole("button", { name: "+ Add line" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Remove line/ })).toBeNull();
    expect(screen.getByText("Read only")).toBeTruthy();
    expect(input("field-notes").readOnly).toBe(true);
    expect(input("field-items-0-description").readOnly).toBe(true);
    // Ctrl+S does not send what the service would refuse.
    fireEvent.keyDown(document, { key: "s", ctrlKey: true });
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("offers Save but not Delete to a role that may change but not delete", () => {
    renderCard("invoices", { data: { record: storedInvoice, rights: { create: true, update: true, delete: false, locked: [] } } });
    expect(screen.getByRole("button", { name: /^Save/ })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Delete" })).toBeNull();
    expect(screen.queryByText("Read only")).toBeNull();
    expect(input("field-notes").readOnly).toBe(false);
  });

  it("shows the fields the role may only read as read-only, the others editable", () => {
    renderCard("invoices", { data: { record: storedInvoice, rights: { create: true, update: true, delete: true, locked: ["notes"] } } });
    expect(input("field-notes").readOnly).toBe(true);
    expect(input("field-notes").value).toBe("Original note");
    expect(input("field-date").readOnly).toBe(false);
    expect(screen.getByRole("button", { name: "Delete" })).toBeTruthy();
  });

  it("offers no Save on a new card when the role may not create", () => {
    renderCard("invoices", { data: { rights: { create: false, update: true, delete: true, locked: [] } } });
    expect(screen.queryByRole("button", { name: /^Save/ })).toBeNull();
    expect(screen.getByRole("status").textContent).toMatch(/may not create invoices/);
    expect(input("field-notes").readOnly).toBe(true);
  });
});

describe("CardForm of a one-record table", () => {
  it("has no Back to list (the company's list opens this card) and no Delete", () => {
    renderCard("company", { data: { record: { id: 1, version: 1, name: "Tessera Demo Ltd" } } });
    expect(screen.queryByRole("link", { name: /Back to list/ })).toBeNull();
    // Deleting the firm's one card would leave every printed form without requisites.
    expect(screen.queryByRole("button", { name: "Delete" })).toBeNull();
  });
});
