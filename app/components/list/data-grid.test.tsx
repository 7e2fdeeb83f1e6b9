// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import type { RecordJson } from "@runtime/records/rows";
import { listFields } from "@runtime/views/list-page.server";
import { invoicesTable } from "@runtime/views/test-table";
import { DataGrid } from "./data-grid";

const fields = listFields(invoicesTable());
const columns = ["number", "client", "status", "total"].map((k) => fields.find((f) => f.key === k)!);
const rows = [
  { id: 1, version: 1, number: "INV-0001", client: 5, status: "issued", total: "120.50", _expanded: { client: { id: 5, title: "Acme" } } },
  { id: 2, version: 1, number: "INV-0002", client: null, status: "draft", total: "10.00" },
  { id: 3, version: 1, number: null, client: null, status: "draft", total: null },
] as RecordJson[];

function Grid() {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const location = useLocation();
  return (
    <>
      <p data-testid="where">{location.pathname + location.search}</p>
      <DataGrid
        tableKey="invoices"
        tableLabel="Invoices"
        titleField="number"
        columns={columns}
        rows={rows}
        sort="-total"
        params={{ sort: "-total", page: 2, cursors: ["c1"] }}
        selected={selected}
        onSelect={(ids, on) => setSelected((s) => new Set(on ? [...s, ...ids] : [...s].filter((id) => !ids.includes(id))))}
        overdueIds={new Set([1])}
      />
    </>
  );
}

function renderGrid() {
  const router = createMemoryRouter([{ path: "*", element: <Grid /> }], { initialEntries: ["/t/invoices"] });
  render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

afterEach(cleanup);

describe("DataGrid", () => {
  it("renders cells through the kind's display, relations as links, and the overdue badge", () => {
    renderGrid();
    expect(screen.getByRole("link", { name: "Acme" }).getAttribute("href")).toBe("/t/clients/5");
    expect(screen.getByRole("link", { name: "INV-0001" }).getAttribute("href")).toBe("/t/invoices/1");
    expect(screen.getAllByText("Overdue")).toHaveLength(1);
    expect(screen.getByText("#3")).toBeTruthy();
  });

  it("marks the sorted column and links headers to the other direction, back to page 1", () => {
    renderGrid();
    const total = screen.getByRole("columnheader", { name: /Total/ });
    expect(total.getAttribute("aria-sort")).toBe("descending");
    expect(total.querySelector("a")!.getAttribute("href")).toBe("/t/invoices?sort=total");
    expect(
      screen
        .getByRole("columnheader", { name: /Number/ })
        .querySelector("a")!
        .getAttribute("href"),
    ).toBe("/t/invoices?sort=number");
  });

  it("selects rows one by one and all on the page", () => {
    renderGrid();
    const all = screen.getByRole("checkbox", { name: "Select all rows on this page" }) as HTMLInputElement;
    fireEvent.click(screen.getByRole("checkbox", { name: "Select row 1" }));
    expect(all.checked).toBe(false);
    expect(all.indeterminate).toBe(true);
    fireEvent.click(all);
    expect(screen.getAllByRole("row").filter((r) => r.getAttribute("aria-selected") === "true")).toHaveLength(3);
  });

  it("moves between rows with the arrow keys and opens one with Enter", async () => {
    renderGrid();
    const [first, second] = screen.getAllByRole("row").slice(1);
    first.focus();
    fireEvent.keyDown(first, { key: "ArrowDown" });
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second, { key: "ArrowUp" });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: " " });
    expect(first.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(second, { key: "Enter" });
    expect((await screen.findByTestId("where")).textContent).toBe("/t/invoices/2");
  });

  it("follows a title's link in the app, and leaves a modified click to the browser", async () => {
    renderGrid();
    const title = screen.getByRole("link", { name: "INV-0002" });
    // Seen last on its way up (after the app's handlers), then stopped: jsdom cannot open tabs.
    let leftToBrowser: boolean | undefined;
    const browser = (event: Event) => {
      leftToBrowser = !event.defaultPrevented;
      event.preventDefault();
    };
    window.addEventListener("click", browser);
    title.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, button: 0, ctrlKey: true }));
    window.removeEventListener("click", browser);
    expect(leftToBrowser).toBe(true);
    expect(screen.getByTestId("where").textContent).toBe("/t/invoices");
    const plain = new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 });
    act(() => void title.dispatchEvent(plain));
    expect(plain.defaultPrevented).toBe(true);
    expect((await screen.findByTestId("where")).textContent).toBe("/t/invoices/2");
  });
});
