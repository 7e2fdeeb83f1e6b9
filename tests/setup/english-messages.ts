// Components rendered in unit tests (no server, no page) read English, as the app's fallback.
import fs from "node:fs";
import path from "node:path";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";

const messages = JSON.parse(fs.readFileSync(path.join(process.cwd(), "locales", "en.json"), "utf8")) as Record<string, unknown>;
if (!i18next.isInitialized)
  void i18next.use(initReactI18next).init({
    lng: "en",
    fallbackLng: "en",
    resources: { en: { translation: messages } },
    initAsync: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
