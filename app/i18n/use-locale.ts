import { useTranslation } from "react-i18next";

/** The Intl locale of the reader's language (`sv-SE`): dates, numbers and money on screen follow it. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  // One value, not the bundle: getResourceBundle copies the whole catalog's top level on each call.
  const locale: unknown = i18n.getResource(i18n.language, "translation", "language.locale");
  return typeof locale === "string" ? locale : "en-US";
}
