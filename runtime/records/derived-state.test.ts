import { describe, expect, it } from "vitest";
import { hasOverdueState, isOverdue, localToday } from "./derived-state";

const invoice = { status: "issued", due_date: "2024-05-10", balance: "120.00" };

describe("isOverdue", () => {
  it("is overdue when issued, past due and money is still owed", () => {
    expect(isOverdue(invoice, "2024-05-11")).toBe(true);
    expect(isOverdue({ ...invoice, balance: 5 }, "2024-06-01")).toBe(true);
  });

  it("is not overdue on the due date itself or before", () => {
    expect(isOverdue(invoice, "2024-05-10")).toBe(false);
    expect(isOverdue(invoice, "2024-05-01")).toBe(false);
  });

  it("is not overdue when paid, a draft, cancelled or without a due date", () => {
    expect(isOverdue({ ...invoice, balance: "0.00" }, "2024-06-01")).toBe(false);
    expect(isOverdue({ ...invoice, balance: -3 }, "2024-06-01")).toBe(false);
    expect(isOverdue({ ...invoice, status: "draft" }, "2024-06-01")).toBe(false);
    expect(isOverdue({ ...invoice, status: "cancelled" }, "2024-06-01")).toBe(false);
    expect(isOverdue({ ...invoice, due_date: null }, "2024-06-01")).toBe(false);
    expect(isOverdue({ ...invoice, balance: null }, "2024-06-01")).toBe(false);
  });
});

describe("hasOverdueState", () => {
  it("needs all three fields", () => {
    expect(hasOverdueState(["number", "due_date", "balance", "status"])).toBe(true);
    expect(hasOverdueState(["due_date", "status"])).toBe(false);
  });
});

describe("localToday", () => {
  it("formats the local calendar date", () => {
    expect(localToday(new Date(2024, 0, 5, 23, 30))).toBe("2024-01-05");
  });
});
