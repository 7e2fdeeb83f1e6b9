import { useTranslation } from "react-i18next";
import { useNonce } from "../components/nonce-context";
import type { LanguagePack } from "@runtime/i18n/translator";

export const LANGUAGE_PACK_ID = "tessera-language";

/** What the page says of its language; the messages themselves are a file of their own. */
export interface LanguageHead {
  language: string;
  locale: string;
  /** Where the messages are: `/i18n/sv.<hash>.json` (app/routes/i18n.$file.ts). */
  href: string;
}

/** JSON safe inside a <script>: no `</script>` or `<!--` can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The page's language and where its messages are, which entry.client.tsx fetches before
 * hydrating, so the browser starts in the language the server rendered, with no flash of
 * English. The messages are a file cached for good under a hashed name, not part of each page:
 * they were most of a page's bytes. `href` comes from the root loader; a page rendered without
 * it (an error page) names the language's file without the hash.
 */
export function LanguagePackScript({ href }: { href?: string }) {
  const { i18n } = useTranslation();
  // Data, not code; the nonce only keeps "every inline script carries the page's nonce" true.
  const nonce = useNonce();
  const language = i18n.language;
  const locale: unknown = i18n.getResource(language, "translation", "language.locale");
  const head: LanguageHead = { language, locale: typeof locale === "string" ? locale : "en-US", href: href ?? `/i18n/${language}.json` };
  return (
    <>
      <link rel="preload" href={head.href} as="fetch" crossOrigin="anonymous" />
      <script
        id={LANGUAGE_PACK_ID}
        type="application/json"
        nonce={nonce}
        suppressHydrationWarning
        dangerouslySetInnerHTML={{ __html: scriptJson(head) }}
      />
    </>
  );
}

/** What the server wrote into the page; English if it is missing (a test page). */
export function readLanguageHead(document: Document): LanguageHead {
  const text = document.getElementById(LANGUAGE_PACK_ID)?.textContent;
  if (text) return JSON.parse(text) as LanguageHead;
  return { language: "en", locale: "en-US", href: "/i18n/en.json" };
}

/** The page's messages; none (English keys fall back to themselves) when they cannot be fetched. */
export async function fetchLanguagePack(head: LanguageHead): Promise<LanguagePack> {
  try {
    // The same mode as the preload above, so the browser hands over what it already fetched.
    const response = await fetch(head.href, { mode: "cors", credentials: "same-origin" });
    if (!response.ok) throw new Error(`${head.href} answered ${response.status}`);
    return { language: head.language, locale: head.locale, messages: (await response.json()) as Record<string, unknown> };
  } catch (error) {
    console.warn("The page's messages could not be loaded", error);
    return { language: head.language, locale: head.locale, messages: {} };
  }
}
