import { describe, expect, it } from "vitest";
import { layoutInLanguage } from "./layout-in-language";
import { layoutShapeProblems } from "./layout-schema";
import type { CardLayout } from "./types";

const designed: CardLayout = {
  type: "Categorization",
  elements: [
    {
      type: "Category",
      label: "Billing",
      "x-translations": { sv: { label: "Fakturering" }, zh: { label: "开票" } },
      elements: [
        {
          type: "Group",
          label: "Payment",
          "x-translations": { sv: { label: "Betalning" } },
          elements: [
            {
              type: "Control",
              scope: "#/properties/terms",
              "x-field": "f_terms",
              options: { width: 6, label: "Terms", help: "Days", "x-translations": { sv: { label: "Villkor", help: "Dagar" } } },
            },
            { type: "Note", text: "Ask first", "x-translations": { hy: { text: "Նախ հարցրեք" } } },
          ],
        },
        { type: "RelatedList", list: "items", label: "Lines", "x-translations": { sv: { label: "Rader" } } },
      ],
    },
  ],
};

describe("layoutInLanguage", () => {
  it("is a layout the designer and the save path accept, translations and all", () => {
    expect(layoutShapeProblems(designed)).toEqual([]);
    expect(
      layoutShapeProblems({ ...designed, elements: [{ ...designed.elements[0], "x-translations": { SV: { label: "x" } } }] }),
    ).not.toEqual([]);
  });

  it("reads each label, help and note in the language, falling back to the designed words", () => {
    const sv = layoutInLanguage(designed, "sv-SE");
    expect(JSON.stringify(sv)).not.toContain("x-translations");
    const billing = sv.elements[0] as Extract<CardLayout, { type: "Categorization" }>["elements"][number];
    expect(billing.label).toBe("Fakturering");
    const payment = billing.elements[0] as {
      label: string;
      elements: { options?: { label?: string; help?: string; width?: number }; text?: string }[];
    };
    expect(payment.label).toBe("Betalning");
    expect(payment.elements[0].options).toEqual({ width: 6, label: "Villkor", help: "Dagar" });
    expect(payment.elements[1].text).toBe("Ask first");
    expect((billing.elements[1] as { label: string }).label).toBe("Rader");

    const zh = layoutInLanguage(designed, "zh");
    expect((zh.elements[0] as { label: string }).label).toBe("开票");
    expect(JSON.stringify(zh)).toContain('"label":"Payment"');
    expect(JSON.stringify(layoutInLanguage(designed, "hy"))).toContain("Նախ հարցրեք");
  });

  it("leaves the stored layout as it was", () => {
    const before = JSON.stringify(designed);
    layoutInLanguage(designed, "sv");
    expect(JSON.stringify(designed)).toBe(before);
  });
});
