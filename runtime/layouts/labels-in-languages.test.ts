import { describe, expect, it } from "vitest";
import { withLabelsInLanguages } from "./labels-in-languages";
import { layoutInLanguage } from "./layout-in-language";
import type { CardLayout } from "./types";

const card = (details: string, contacts: string, totals: string): CardLayout => ({
  type: "Categorization",
  elements: [
    {
      type: "Category",
      label: details,
      elements: [
        { type: "Group", label: details, elements: [{ type: "HorizontalLayout", elements: [] }] },
        { type: "Group", label: totals, elements: [] },
      ],
    },
    { type: "Category", label: contacts, elements: [{ type: "RelatedList", list: "contacts" }] },
  ],
});

describe("withLabelsInLanguages", () => {
  const english = card("Details", "Contacts", "Totals");
  const merged = withLabelsInLanguages(english, { sv: card("Uppgifter", "Kontakter", "Summor"), zh: card("详情", "联系人", "Totals") });

  it("keeps the base's words and gives each other language's as its translations", () => {
    expect(layoutInLanguage(merged, "en")).toEqual(english);
    expect(layoutInLanguage(merged, "sv")).toEqual(card("Uppgifter", "Kontakter", "Summor"));
    expect(layoutInLanguage(merged, "zh")).toEqual(card("详情", "联系人", "Totals"));
  });

  it("adds no translation where a language writes the label the same", () => {
    const totals = (merged as Extract<CardLayout, { type: "Categorization" }>).elements[0].elements[1];
    expect(totals).toEqual({ type: "Group", label: "Totals", elements: [], "x-translations": { sv: { label: "Summor" } } });
  });

  it("leaves a card of another shape as it is", () => {
    const single: CardLayout = { type: "VerticalLayout", elements: [{ type: "Group", label: "Details", elements: [] }] };
    expect(withLabelsInLanguages(single, { sv: english })).toEqual(single);
  });
});
