import { describe, expect, it } from "vitest";
import { uniqueFileNames } from "./unique-names";

describe("uniqueFileNames", () => {
  it("keeps distinct names and numbers repeats, ignoring case", () => {
    expect(uniqueFileNames(["INV-1 Acme.pdf", "Invoice 7.pdf", "invoice 7.pdf", "Invoice 7.pdf", "Invoice 7 (2).pdf"])).toEqual([
      "INV-1 Acme.pdf",
      "Invoice 7.pdf",
      "invoice 7 (2).pdf",
      "Invoice 7 (3).pdf",
      "Invoice 7 (2) (2).pdf",
    ]);
  });

  it("handles names without an extension", () => {
    expect(uniqueFileNames(["a", "a", ".pdf", ".pdf"])).toEqual(["a", "a (2)", ".pdf", ".pdf (2)"]);
  });
});
