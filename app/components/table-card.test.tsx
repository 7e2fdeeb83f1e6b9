import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TableSummary } from "../utils/workspace-overview";
import { TableCard } from "./table-card";

const invoices: TableSummary = {
  key: "invoices",
  label: "Invoices",
  recordCount: 1204,
  fields: [
    { key: "client", label: "Client", kind: "relation", required: true, target: { key: "clients", label: "Clients", onOverview: true } },
    { key: "owner", label: "Owner", kind: "relation", required: false, target: { key: "crm_users", label: "Users", onOverview: false } },
    { key: "total", label: "Total", kind: "formula", required: false, expression: "sum(items.gross)" },
  ],
};

describe("TableCard", () => {
  const html = renderToStaticMarkup(<TableCard table={invoices} />);

  it("is the anchor the navigation points at, with its count", () => {
    expect(html).toMatch(/<article[^>]* id="invoices"/);
    expect(html).toContain('data-record-count="1204"');
    expect(html).toContain("1,204 records");
  });

  it("links relation targets that have a card, and only those", () => {
    expect(html).toContain('<a href="/admin/overview#clients">Clients</a>');
    expect(html).not.toContain('href="/admin/overview#crm_users"');
    expect(html).toContain("Users");
  });

  it("shows a formula's expression on a row of its own", () => {
    expect(html).toMatch(/<tr class="field-list__detail"><td colSpan="3"><code[^>]*>sum\(items.gross\)<\/code>/i);
  });

  it("says so when a table has no fields, and when its count is unknown", () => {
    const empty = renderToStaticMarkup(<TableCard table={{ key: "notes", label: "Notes", recordCount: null, fields: [] }} />);
    expect(empty).toContain("No fields yet.");
    expect(empty).toContain('data-record-count=""');
  });
});
