import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createTranslator } from "@runtime/i18n/translator";
import { readLanguagePack } from "./i18n/language-pack-script";

// The language the server rendered the page in (app/i18n/language-pack-script.tsx).
const translator = createTranslator(readLanguagePack(document));

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
