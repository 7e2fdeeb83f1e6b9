import { describe, expect, it } from "vitest";
import { layoutInLanguage } from "@runtime/layouts/layout-in-language";
import { layoutShapeProblems } from "@runtime/layouts/layout-schema";
import type { CardLayout } from "@runtime/layouts/types";
import { setLayoutTranslation } from "./translations";

const card: CardLayout = {
  type: "Categorization",
  elements: [
    {
      type: "Category",
      label: "Billing",
      elements: [
        {
          type: "Group",
          label: "Payment",
          elements: [
            { type: "Control", scope: "#/properties/terms", "x-field": "f_terms" },
            { type: "Note", text: "Ask first" },
          ],
        },
      ],
    },
  ],
};

describe("setLayoutTranslation", () => {
  it("translates a tab, a section, a field's label and help and a note, into a layout the card reads in that language", () => {
    let next = setLayoutTranslation(card, [0], "sv", { label: "Fakturering" });
    next = setLayoutTranslation(next, [0, 0], "sv", { label: " Betalning " });
    next = setLayoutTranslation(next, [0, 0, 0], "sv", { label: "Villkor", help: "Dagar netto" });
    next = setLayoutTranslation(next, [0, 0, 1], "zh", { text: "先问一下" });
    expect(layoutShapeProblems(next)).toEqual([]);
    expect(JSON.stringify(layoutInLanguage(next, "sv"))).toBe(
      JSON.stringify({
        type: "Categorization",
        elements: [
          {
            type: "Category",
            label: "Fakturering",
            elements: [
              {
                type: "Group",
                label: "Betalning",
                elements: [
                  {
                    type: "Control",
                    scope: "#/properties/terms",
                    "x-field": "f_terms",
                    options: { label: "Villkor", help: "Dagar netto" },
                  },
                  { type: "Note", text: "Ask first" },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(JSON.stringify(layoutInLanguage(next, "zh"))).toContain("先问一下");
    expect(JSON.stringify(card)).not.toContain("x-translations");
  });

  it("removes emptied words, and the keyword with the last of them", () => {
    const translated = setLayoutTranslation(card, [0, 0, 0], "sv", { label: "Villkor", help: "Dagar" });
    const less = setLayoutTranslation(translated, [0, 0, 0], "sv", { help: "" });
    expect(JSON.stringify(less)).toContain('"x-translations":{"sv":{"label":"Villkor"}}');
    expect(setLayoutTranslation(less, [0, 0, 0], "sv", { label: null })).toEqual(card);
  });

  it("refuses words an element does not have, bad language codes and overlong words", () => {
    expect(() => setLayoutTranslation(card, [0, 0, 1], "sv", { label: "x" })).toThrow(/translates only its text/);
    expect(() => setLayoutTranslation(card, [0], "Swedish", { label: "x" })).toThrow(/not a language code/);
    expect(() => setLayoutTranslation(card, [0], "sv", { label: "x".repeat(121) })).toThrow(/at most 120/);
  });
});
