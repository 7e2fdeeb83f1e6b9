import { LANGUAGE_TAG } from "@runtime/i18n/translations-schema";
import type { CardLayout, LayoutTranslations } from "@runtime/layouts/types";
import { describePath, edit, elementAt, type ElementPath, type LayoutNode } from "./paths";

/** The words of one element in one language; null or "" removes a word (the designed one shows). */
export type ElementWords = { label?: string | null; help?: string | null; text?: string | null };

const LIMITS = { label: 120, help: 500, text: 2000 } as const;

/** Which words an element has to translate: its label, a field's label and help, a note's text. */
export function translatableWords(node: LayoutNode): (keyof typeof LIMITS)[] {
  switch (node.type) {
    case "Control":
      return ["label", "help"];
    case "Note":
      return ["text"];
    case "Group":
    case "Category":
    case "RelatedList":
      return ["label"];
    default:
      return [];
  }
}

/** Where an element keeps its translations: a field in its card options, the rest on itself. */
function holder(node: LayoutNode): { "x-translations"?: LayoutTranslations } {
  if (node.type !== "Control") return node as { "x-translations"?: LayoutTranslations };
  node.options ??= {};
  return node.options;
}

/**
 * Sets what the element at `at` (a tab is `[t]`) says to readers of `language`, beside its
 * designed words (ADR 035). Words it does not have are refused; emptied words are removed, and an
 * element left with no translations loses the keyword. Pure: a new layout.
 */
export function setLayoutTranslation(layout: CardLayout, at: ElementPath, language: string, words: ElementWords): CardLayout {
  const node = elementAt(layout, at);
  const allowed = translatableWords(node);
  if (allowed.length === 0) throw new Error(`the element at ${describePath(at)} (${node.type}) has no words to translate`);
  if (typeof language !== "string" || !new RegExp(LANGUAGE_TAG).test(language))
    throw new Error(`"${String(language)}" is not a language code like "sv" or "zh"`);
  for (const [key, value] of Object.entries(words)) {
    if (!allowed.includes(key as keyof typeof LIMITS))
      throw new Error(`a ${node.type} translates only its ${allowed.join(" and ")}, not "${key}"`);
    if (value !== null && value !== undefined && (typeof value !== "string" || value.trim().length > LIMITS[key as keyof typeof LIMITS]))
      throw new Error(`the ${key} is at most ${LIMITS[key as keyof typeof LIMITS]} characters`);
  }
  return edit(layout, (draft) => {
    const target = holder(elementAt(draft, at));
    const all: LayoutTranslations = { ...target["x-translations"] };
    const mine: Record<string, string> = { ...all[language] };
    for (const [key, value] of Object.entries(words)) {
      const trimmed = typeof value === "string" ? value.trim() : "";
      if (trimmed) mine[key] = trimmed;
      else delete mine[key];
    }
    if (Object.keys(mine).length) all[language] = mine;
    else delete all[language];
    if (Object.keys(all).length) target["x-translations"] = all;
    else delete target["x-translations"];
    const control = elementAt(draft, at);
    if (control.type === "Control" && control.options && Object.keys(control.options).length === 0) delete control.options;
  });
}
