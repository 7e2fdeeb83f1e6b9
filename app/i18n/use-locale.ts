import { useTranslation } from "react-i18next";

/** The Intl locale of the reader's language (`sv-SE`): dates, numbers and money on screen follow it. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  const messages = i18n.getResourceBundle(i18n.language, "translation") as { language?: { locale?: string } } | undefined;
  return messages?.language?.locale ?? "en-US";
}
