import { availableLanguages } from "@runtime/i18n/catalogs.server";
export { translationsFromForm } from "@runtime/i18n/item-names";

/** The languages an item's name is given in besides its own (English, the shipped configuration's). */
export function otherLanguages(): { language: string; name: string }[] {
  return availableLanguages().filter((l) => l.language !== "en");
}
