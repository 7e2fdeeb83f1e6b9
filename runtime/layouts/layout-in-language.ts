import type { CardLayout, CategoryElement, LayoutElement, LayoutTranslations } from "./types";

type Words = { label?: string; help?: string; text?: string };

const pick = (t: LayoutTranslations | undefined, language: string): Words | undefined => t?.[language] ?? t?.[language.split("-")[0]];

/** The words a translation gives for `keys`, only where it gives a non-empty one. */
function words(t: Words | undefined, keys: (keyof Words)[]): Words {
  const out: Words = {};
  for (const key of keys) if (t?.[key]) out[key] = t[key];
  return out;
}

function element(el: LayoutElement, language: string): LayoutElement {
  switch (el.type) {
    case "Control": {
      if (!el.options) return el;
      const { "x-translations": t, ...options } = el.options;
      return { ...el, options: { ...options, ...words(pick(t, language), ["label", "help"]) } };
    }
    case "RelatedList":
    case "Note": {
      const { "x-translations": t, ...rest } = el;
      return { ...rest, ...words(pick(t, language), el.type === "Note" ? ["text"] : ["label"]) } as LayoutElement;
    }
    case "Group": {
      const { "x-translations": t, ...rest } = el;
      return { ...rest, ...words(pick(t, language), ["label"]), elements: rest.elements.map((e) => element(e, language)) };
    }
    case "HorizontalLayout":
    case "VerticalLayout":
      return { ...el, elements: el.elements.map((e) => element(e, language)) };
    default:
      return el;
  }
}

function category(c: CategoryElement, language: string): CategoryElement {
  const { "x-translations": t, ...rest } = c;
  return { ...rest, ...words(pick(t, language), ["label"]), elements: rest.elements.map((e) => element(e, language)) };
}

/**
 * A designed card as a reader of `language` sees it: each label, help text and note replaced by
 * its `x-translations` for that language where it has one (`sv-SE` falls back to `sv`), the rest
 * as designed, and the translations left out. Pure: the stored layout is not changed.
 */
export function layoutInLanguage(layout: CardLayout, language: string): CardLayout {
  return layout.type === "Categorization"
    ? { ...layout, elements: layout.elements.map((c) => category(c, language)) }
    : { ...layout, elements: layout.elements.map((e) => element(e, language)) };
}
