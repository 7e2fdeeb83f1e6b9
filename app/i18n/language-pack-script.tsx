import { useTranslation } from "react-i18next";
import { useNonce } from "../components/nonce-context";
import type { LanguagePack } from "@runtime/i18n/translator";

export const LANGUAGE_PACK_ID = "tessera-language";

/** JSON safe inside a <script>: no `</script>` or `<!--` can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The page's messages, written once into the document (not into every loader's data), where
 * entry.client.tsx reads them before hydrating: the browser starts in the language the server
 * rendered, with no flash of English.
 */
export function LanguagePackScript() {
  const { i18n } = useTranslation();
  // Data, not code; the nonce only keeps "every inline script carries the page's nonce" true.
  const nonce = useNonce();
  const language = i18n.language;
  const messages = (i18n.getResourceBundle(language, "translation") ?? {}) as Record<string, unknown>;
  const locale = String((messages.language as { locale?: string } | undefined)?.locale ?? "en-US");
  const pack: LanguagePack = { language, locale, messages };
  return (
    <script
      id={LANGUAGE_PACK_ID}
      type="application/json"
      nonce={nonce}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: scriptJson(pack) }}
    />
  );
}

/** The pack the server wrote into the page; English with no messages if it is missing (a test page). */
export function readLanguagePack(document: Document): LanguagePack {
  const text = document.getElementById(LANGUAGE_PACK_ID)?.textContent;
  if (text) return JSON.parse(text) as LanguagePack;
  return { language: "en", locale: "en-US", messages: {} };
}
