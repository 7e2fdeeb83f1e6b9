import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createTranslator, type LanguagePack } from "@runtime/i18n/translator";
import { fetchLanguagePack, readLanguageHead } from "./i18n/language-pack-script";
import { intlCovers } from "./i18n/intl-coverage";
import { preloadRenderedViews } from "./components/list/lazy-views";

// The language the server rendered the page in (app/i18n/language-pack-script.tsx).
const head = readLanguageHead(document);

function hydrate(pack: LanguagePack) {
  const translator = createTranslator(pack);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <I18nextProvider i18n={translator}>
          <RemixBrowser />
        </I18nextProvider>
      </StrictMode>,
    );
  });
}

// Hydrating before the formats are in would re-render the server's dates and money in en-US.
async function formatsReady(): Promise<void> {
  if (intlCovers(head.locale)) return;
  try {
    const { POLYFILLED_LANGUAGES, polyfillIntl } = await import("./i18n/intl-polyfill.client");
    if (POLYFILLED_LANGUAGES.includes(head.language)) await polyfillIntl(head.language);
  } catch (error) {
    console.warn("The formats of this language could not be loaded", error);
  }
}

void Promise.all([fetchLanguagePack(head), formatsReady(), preloadRenderedViews(document)]).then(([pack]) => hydrate(pack));
