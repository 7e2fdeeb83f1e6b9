import { describe, expect, it } from "vitest";
import { listLink } from "./list-link";

const decoded = (link: string) => Object.fromEntries(new URL(link, "http://x").searchParams);

describe("a panel's See all link", () => {
  it("carries an and of conditions, the sort and the columns to the list's address", () => {
    const link = listLink(
      "invoices",
      {
        and: [
          { field: "status", op: "eq", value: "issued" },
          { field: "due_date", op: "lt", value: "2026-12-05" },
          { field: "client", op: "notEmpty" },
        ],
      },
      { sort: "due_date", columns: ["number", "balance"] },
    );
    expect(link.startsWith("/t/invoices?")).toBe(true);
    expect(decoded(link)).toEqual({
      f: JSON.stringify([
        ["status", "eq", "issued"],
        ["due_date", "lt", "2026-12-05"],
        ["client", "notEmpty"],
      ]),
      sort: "due_date",
      cols: "number,balance",
    });
    expect(decoded(listLink("payments", { field: "date", op: "between", value: ["2026-12-01", "2026-12-31"] }))).toEqual({
      f: JSON.stringify([["date", "between", ["2026-12-01", "2026-12-31"]]]),
    });
  });

  it("links to the plain list when the filter is nested or absent", () => {
    expect(listLink("tasks", { or: [{ field: "a", op: "eq", value: 1 }] }, { sort: "due" })).toBe("/t/tasks");
    expect(listLink("tasks", { and: [{ not: { field: "a", op: "eq", value: 1 } }] })).toBe("/t/tasks");
    expect(listLink("tasks", undefined)).toBe("/t/tasks");
  });
});
