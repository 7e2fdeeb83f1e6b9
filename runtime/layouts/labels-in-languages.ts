import type { CardLayout, CategoryElement, LayoutElement, LayoutTranslations } from "./types";

type Labelled = { label: string; "x-translations"?: LayoutTranslations };

function addLabel(base: Labelled, other: Labelled | undefined, language: string): Labelled {
  if (!other || other.label === base.label) return base;
  const translations = { ...base["x-translations"], [language]: { ...base["x-translations"]?.[language], label: other.label } };
  return { ...base, "x-translations": translations };
}

function element(base: LayoutElement, other: LayoutElement | undefined, language: string): LayoutElement {
  if (!other || other.type !== base.type) return base;
  switch (base.type) {
    case "Group": {
      const o = other as typeof base;
      return {
        ...addLabel(base, o, language),
        elements: base.elements.map((e, i) => element(e, o.elements[i], language)),
      } as LayoutElement;
    }
    case "HorizontalLayout":
    case "VerticalLayout": {
      const o = other as typeof base;
      return { ...base, elements: base.elements.map((e, i) => element(e, o.elements[i], language)) };
    }
    default:
      return base;
  }
}

function category(base: CategoryElement, other: CategoryElement | undefined, language: string): CategoryElement {
  if (!other) return base;
  return {
    ...(addLabel(base, other, language) as CategoryElement),
    elements: base.elements.map((e, i) => element(e, other.elements[i], language)),
  };
}

/**
 * `base` with the tab and section labels of the same card built in other languages as its
 * `x-translations`: the generated default card, given to an admin to design from, keeps speaking
 * every language once saved instead of freezing the admin's. The layouts must have the same shape
 * (the same card built with other words); where they differ the base is kept as it is. Pure.
 */
export function withLabelsInLanguages(base: CardLayout, others: Record<string, CardLayout>): CardLayout {
  let out = base;
  for (const [language, other] of Object.entries(others)) {
    if (out.type === "Categorization" && other.type === "Categorization")
      out = { ...out, elements: out.elements.map((c, i) => category(c, other.elements[i], language)) };
    else if (out.type === "VerticalLayout" && other.type === "VerticalLayout")
      out = { ...out, elements: out.elements.map((e, i) => element(e, other.elements[i], language)) };
  }
  return out;
}
