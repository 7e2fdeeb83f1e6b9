import { describe, expect, it } from "vitest";
import {
  checkItemTranslations,
  languagesWithoutName,
  nameIn,
  readTranslations,
  storedTranslations,
  translationsFromForm,
} from "./item-names";

const report = { name: "Revenue by month", translations: { sv: { name: "Intäkter per månad" }, zh: { description: "按月" } } };

describe("nameIn", () => {
  it("gives the name in the reader's language", () => {
    expect(nameIn(report, "sv")).toBe("Intäkter per månad");
  });

  it("falls back from a regional tag to its language", () => {
    expect(nameIn(report, "sv-FI")).toBe("Intäkter per månad");
  });

  it("keeps the item's own name where the language gives none", () => {
    expect(nameIn(report, "zh")).toBe("Revenue by month");
    expect(nameIn(report, "hy")).toBe("Revenue by month");
    expect(nameIn({ name: "Sales" }, "sv")).toBe("Sales");
    expect(nameIn({ name: "Sales", translations: null }, "sv")).toBe("Sales");
  });
});

describe("checkItemTranslations", () => {
  it("takes nothing as no translations", () => {
    expect(checkItemTranslations(undefined)).toEqual({});
    expect(checkItemTranslations(null)).toEqual({});
  });

  it("trims words and drops empty ones and languages left without any", () => {
    expect(checkItemTranslations({ sv: { name: "  Försäljning " }, zh: { name: "   " }, hy: {} })).toEqual({ sv: { name: "Försäljning" } });
  });

  it("refuses what is not a language code, an unknown word, text that is not text or too long", () => {
    expect(() => checkItemTranslations([])).toThrow(/translations is/);
    expect(() => checkItemTranslations({ Swedish: { name: "x" } })).toThrow(/not a language code/);
    expect(() => checkItemTranslations({ sv: "Försäljning" })).toThrow(/translations.sv is/);
    expect(() => checkItemTranslations({ sv: { title: "x" } })).toThrow(/not "title"/);
    expect(() => checkItemTranslations({ sv: { name: 5 } })).toThrow(/must be text/);
    expect(() => checkItemTranslations({ sv: { name: "x".repeat(201) } })).toThrow(/longer than 200/);
  });
});

describe("stored translations", () => {
  it("round-trip through a text column, none as null", () => {
    const checked = checkItemTranslations(report.translations);
    expect(readTranslations(storedTranslations(checked))).toEqual(checked);
    expect(storedTranslations({})).toBeNull();
    expect(readTranslations(null)).toBeUndefined();
  });

  it("read unreadable text as none, so the item shows its own name", () => {
    expect(readTranslations("{not json")).toBeUndefined();
    expect(readTranslations('{"Swedish":{"name":"x"}}')).toBeUndefined();
  });
});

describe("translationsFromForm", () => {
  it("reads the translations.<language> inputs that were filled in", () => {
    const form = new FormData();
    form.set("name", "Sales");
    form.set("translations.sv", "Försäljning");
    form.set("translations.zh", "");
    expect(translationsFromForm(form)).toEqual({ sv: { name: "Försäljning" } });
  });
});

describe("languagesWithoutName", () => {
  it("lists the languages an item is not named in", () => {
    expect(languagesWithoutName(report, ["sv", "zh", "hy"])).toEqual(["zh", "hy"]);
  });
});
