import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { HomeAgingView, HomeListView, HomeSumView } from "@runtime/home/home-view";
import { HomePanel } from "./home-panel";

const tasks: HomeListView = {
  kind: "list",
  id: "my-tasks",
  title: "My open tasks",
  table: "Tasks",
  link: "/tasks",
  columns: [
    { key: "subject", label: "Subject", numeric: false, compact: false },
    { key: "client", label: "Client", numeric: false, compact: false },
    { key: "due", label: "Due", numeric: false, compact: true },
  ],
  rows: [
    {
      id: 4,
      href: "/t/tasks/4",
      overdue: true,
      cells: [{ text: "Call Acme" }, { text: "Acme Freight", href: "/t/clients/7" }, { text: "Dec 4, 2026" }],
    },
    { id: 2, href: "/t/tasks/2", overdue: false, cells: [{ text: "" }, { text: "" }, { text: "" }] },
  ],
  total: 5,
  empty: "You are all caught up.",
};

describe("HomePanel", () => {
  it("lists rows linking to their records, marks the overdue ones and says how many are left out", () => {
    const html = renderToStaticMarkup(<HomePanel panel={tasks} />);
    expect(html).toMatch(/<section[^>]*data-panel="my-tasks"/);
    expect(html).toMatch(
      /<tr data-id="4" data-overdue=""[^>]*>.*?href="\/t\/tasks\/4"[^>]*>Call Acme<\/a><span class="pill home-table__overdue">Overdue/,
    );
    expect(html).toContain('<a href="/t/clients/7">Acme Freight</a>');
    expect(html).toMatch(/<tr data-id="2">.*?>#2<\/a>/);
    expect(html).toContain("2 of 5 shown");
    expect(html).toContain('href="/tasks"');
  });

  it("says so when nothing matches", () => {
    const html = renderToStaticMarkup(<HomePanel panel={{ ...tasks, rows: [], total: 0 }} />);
    expect(html).toContain("You are all caught up.");
    expect(html).not.toContain("<table");
  });

  it("shows each aging bucket with its amounts per currency, and the total", () => {
    const amount = (currency: string, value: number) => ({ currency, amount: value, text: `${currency} ${value}` });
    const aging: HomeAgingView = {
      kind: "aging",
      id: "aging",
      title: "Receivables by age",
      table: "Invoices",
      link: "/t/invoices",
      buckets: [
        { key: "current", label: "Current", count: 1, amounts: [amount("EUR", 100)] },
        { key: "1-30", label: "1–30 days", count: 0, amounts: [] },
        { key: "90+", label: "90+ days", count: 2, amounts: [amount("EUR", 5), amount("USD", 7)] },
      ],
      total: { count: 3, amounts: [amount("EUR", 105), amount("USD", 7)] },
    };
    const html = renderToStaticMarkup(<HomePanel panel={aging} />);
    expect(html.match(/data-bucket="/g)).toHaveLength(4);
    expect(html).toMatch(/data-bucket="90\+".*?EUR 5.*?USD 7.*?2 records/);
    expect(html).toMatch(/data-bucket="1-30".*?—.*?0 records/);
    expect(html).toMatch(/Total open: .*EUR 105.*USD 7.* in 3 invoices/);
  });

  it("shows a sum, or says there is none", () => {
    const sum: HomeSumView = {
      kind: "sum",
      id: "paid",
      title: "Payments this month",
      table: "Payments",
      link: "/t/payments",
      count: 2,
      amounts: [],
    };
    expect(renderToStaticMarkup(<HomePanel panel={{ ...sum, amounts: [{ currency: "EUR", amount: 9, text: "€9.00" }] }} />)).toMatch(
      /€9\.00.*2 payments/,
    );
    expect(renderToStaticMarkup(<HomePanel panel={{ ...sum, count: 0 }} />)).toContain("None yet.");
  });
});
