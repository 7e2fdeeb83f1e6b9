// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import i18next from "i18next";
import { afterEach, describe, expect, it } from "vitest";
import { CardForm } from "./card/card-form";
import { cardData } from "./card/test-card";
import { PrintMenu } from "./print-menu";
import { describeTemplateCondition, docxMenuItems, printHref, printMenuItems } from "./print-menu-items";

afterEach(cleanup);
const t = i18next.t.bind(i18next);

const offered = [
  { id: "invoice", name: "Invoice", offered: true, problems: [] },
  { id: "receipt", name: "Receipt (paid)", offered: false, problems: [] },
  {
    id: "old",
    name: "Old invoice",
    offered: true,
    problems: [{ message: 'uses removed field "vat_no" of Clients (record.client.vat_no)' }],
  },
];

describe("printMenuItems", () => {
  it("links each template to its PDF and its download, and says why one cannot be printed", () => {
    const items = printMenuItems(offered, 7, (id) => `not for this one (${id})`, t);
    expect(items[0]).toEqual({
      id: "invoice",
      name: "Invoice",
      href: "/api/print/invoice/7.pdf",
      downloadHref: "/api/print/invoice/7.pdf?download=1",
    });
    expect(items[1].unavailable).toBe("not for this one (receipt)");
    expect(items[2].unavailable).toMatch(/^This template uses removed field "vat_no" of Clients .*fix it in the print designer\.$/);
  });

  it("escapes template ids in links", () => {
    expect(printHref("a b/c", 3, true)).toBe("/api/print/a%20b%2Fc/3.pdf?download=1");
  });

  it("describes a template's condition in the words of the list filters", () => {
    const { table } = cardData("invoices");
    expect(describeTemplateCondition({ field: "payment_state", op: "eq", value: "paid" }, table, t)).toBe(
      `Only for invoices where ${table.fieldsByKey.get("payment_state")!.label} is ${table.fieldsByKey.get("payment_state")!.def["x-labels"]?.paid ?? "paid"}`,
    );
    expect(describeTemplateCondition(null, table, t)).toBeNull();
    expect(describeTemplateCondition({ not: { field: "status", op: "eq", value: "draft" } }, table, t)).toBeNull();
  });
});

describe("PrintMenu", () => {
  it("renders links that open in a new tab, a Download link each, and disabled entries with the reason", () => {
    render(<PrintMenu items={printMenuItems(offered, 7, () => "Not for this invoice: only for paid invoices.", t)} noun="invoice" />);
    const panel = screen.getByRole("group", { name: "Print templates" });
    const open = within(panel).getByRole("link", { name: "Invoice" });
    expect(open.getAttribute("href")).toBe("/api/print/invoice/7.pdf");
    expect(open.getAttribute("target")).toBe("_blank");
    expect(open.getAttribute("rel")).toContain("noopener");
    const download = within(panel).getByRole("link", { name: "Download Invoice" });
    expect(download.getAttribute("href")).toBe("/api/print/invoice/7.pdf?download=1");
    expect(download.hasAttribute("download")).toBe(true);

    // Not offered and broken templates are listed but are not links.
    expect(within(panel).queryByRole("link", { name: /Receipt/ })).toBeNull();
    expect(within(panel).queryByRole("link", { name: /Old invoice/ })).toBeNull();
    const receipt = within(panel).getByText("Receipt (paid)");
    expect(receipt.getAttribute("aria-disabled")).toBe("true");
    expect(document.getElementById(receipt.getAttribute("aria-describedby")!)!.textContent).toBe(
      "Not for this invoice: only for paid invoices.",
    );
    expect(within(panel).getByText(/uses removed field "vat_no"/)).toBeTruthy();
    expect(within(panel).getAllByRole("link")).toHaveLength(2);
  });

  it("lists Word templates after the PDFs as one download link each", () => {
    render(
      <PrintMenu
        items={[...printMenuItems(offered.slice(0, 1), 7, () => "", t), ...docxMenuItems([{ id: "docx_1", name: "Contract" }], 7, t)]}
        noun="invoice"
      />,
    );
    const panel = screen.getByRole("group", { name: "Print templates" });
    const word = within(panel).getByRole("link", { name: "Contract (Word)" });
    expect(word.getAttribute("href")).toBe("/api/docx/docx_1/7.docx");
    expect(word.hasAttribute("download")).toBe(true);
    expect(word.hasAttribute("target")).toBe(false);
    expect(within(panel).getAllByRole("link")).toHaveLength(3);
  });

  it("says so when the table has no templates", () => {
    render(<PrintMenu items={[]} noun="contract" />);
    expect(screen.getByText("No print templates for this contract yet.")).toBeTruthy();
  });
});

describe("the card header", () => {
  const record = {
    id: 7,
    version: 1,
    number: "INV-2026-0007",
    client: 1,
    date: "2026-03-01",
    currency: "EUR",
    status: "issued",
    items: [],
    _expanded: { client: { id: 1, title: "Acme Ltd" } },
  };

  it("shows the Print menu of a stored record the actor may print", () => {
    const { data, compiled, table } = cardData("invoices", { record, prints: printMenuItems(offered, 7, () => "no", t) });
    render(<CardForm data={data} compiled={compiled} table={table} onSubmit={() => {}} />);
    const header = document.querySelector("header.card-header") as HTMLElement;
    expect(within(header).getByText("Print").tagName).toBe("SUMMARY");
    expect(within(header).getByRole("link", { name: "Invoice" }).getAttribute("href")).toBe("/api/print/invoice/7.pdf");
  });

  it("has no Print menu without print rights (no prints in the data) or on a new card", () => {
    const { data, compiled, table } = cardData("invoices", { record });
    render(<CardForm data={data} compiled={compiled} table={table} onSubmit={() => {}} />);
    expect(document.querySelector(".print-menu")).toBeNull();
    cleanup();
    const fresh = cardData("invoices", { prints: [] });
    render(<CardForm data={fresh.data} compiled={fresh.compiled} table={fresh.table} onSubmit={() => {}} />);
    expect(document.querySelector(".print-menu")).toBeNull();
  });
});
