import { describe, expect, it } from "vitest";
import { languagePack } from "../i18n/catalogs.server";
import { createTranslator } from "../i18n/translator";
import { DEFAULT_VIEW_NAME, viewNameIn } from "./view-name";

describe("a saved view's name", () => {
  const sv = createTranslator(languagePack("sv")).t;

  it("is its name in the reader's language, else its own", () => {
    const view = { name: "Invoices", isDefault: true, translations: { sv: { name: "Fakturor" } } };
    expect(viewNameIn(view, "sv", sv)).toBe("Fakturor");
    expect(viewNameIn(view, "hy", sv)).toBe("Invoices");
  });

  it("says our own name for a default view made from the list in the reader's words", () => {
    expect(viewNameIn({ name: DEFAULT_VIEW_NAME, isDefault: true }, "sv", sv)).toBe("Standard");
    // An admin's view that happens to be called so is theirs.
    expect(viewNameIn({ name: DEFAULT_VIEW_NAME, isDefault: false }, "sv", sv)).toBe("Default");
  });
});
