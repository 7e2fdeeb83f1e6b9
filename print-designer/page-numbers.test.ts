import { describe, expect, it } from "vitest";
import { hasPageNumbers, PAGE_NUMBERS, withPageNumbers } from "./page-numbers";

describe("page numbers in a header or footer", () => {
  it("adds them below what the admin wrote, once", () => {
    expect(withPageNumbers(undefined)).toBe(`<div style="text-align:right">${PAGE_NUMBERS}</div>`);
    const footer = withPageNumbers("  Acme Ltd  ");
    expect(footer).toBe(`Acme Ltd\n<div style="text-align:right">${PAGE_NUMBERS}</div>`);
    expect(withPageNumbers(footer)).toBe(footer);
    expect(withPageNumbers("{{- pageNumber }}")).toBe("{{- pageNumber }}");
  });
  it("tells whether they are there already", () => {
    expect(hasPageNumbers(undefined)).toBe(false);
    expect(hasPageNumbers("Acme Ltd")).toBe(false);
    expect(hasPageNumbers(withPageNumbers("Acme Ltd"))).toBe(true);
  });
});
