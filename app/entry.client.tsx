import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createTranslator } from "@runtime/i18n/translator";
import { readLanguagePack } from "./i18n/language-pack-script";
import { intlCovers } from "./i18n/intl-coverage";

// The language the server rendered the page in (app/i18n/language-pack-script.tsx).
const pack = readLanguagePack(document);
const translator = createTranslator(pack);

function hydrate() {
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
if (intlCovers(pack.locale)) hydrate();
else
  void import("./i18n/intl-polyfill.client")
    .then(({ POLYFILLED_LANGUAGES, polyfillIntl }) =>
      POLYFILLED_LANGUAGES.includes(pack.language) ? polyfillIntl(pack.language) : undefined,
    )
    .catch((error: unknown) => console.warn("The formats of this language could not be loaded", error))
    .finally(hydrate);
