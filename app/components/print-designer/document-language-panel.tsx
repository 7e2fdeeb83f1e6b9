import { useId } from "react";
import { useTranslation } from "react-i18next";

export interface DocumentLanguage {
  languageFrom: string | null;
  language: string | null;
}

export interface DocumentLanguageOptions {
  /** Fields of the record, or of records it links to, whose values are language codes. */
  fields: { path: string; label: string }[];
  languages: { language: string; name: string }[];
}

/**
 * Which language a document prints in: a field of the record (the client's document language)
 * and, when that is empty, a fixed language. Labels written as `{{ "print.invoice" | t }}`, dates,
 * numbers and the amount in words follow it.
 */
export function DocumentLanguagePanel({
  value,
  options,
  onChange,
}: {
  value: DocumentLanguage;
  options: DocumentLanguageOptions;
  onChange(value: DocumentLanguage): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="pd-page pd-page--language">
      <fieldset className="pd-page__language">
        <legend>{t("printDesigner.language.title")}</legend>
        <label htmlFor={`${id}-from`}>{t("printDesigner.language.from")}</label>
        <select
          id={`${id}-from`}
          value={value.languageFrom ?? ""}
          onChange={(e) => onChange({ ...value, languageFrom: e.target.value || null })}
        >
          <option value="">{t("printDesigner.language.noField")}</option>
          {options.fields.map((f) => (
            <option key={f.path} value={f.path}>
              {f.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-fixed`}>{value.languageFrom ? t("printDesigner.language.whenEmpty") : t("userMenu.language")}</label>
        <select id={`${id}-fixed`} value={value.language ?? ""} onChange={(e) => onChange({ ...value, language: e.target.value || null })}>
          <option value="">{t("printDesigner.language.english")}</option>
          {options.languages
            .filter((l) => l.language !== "en")
            .map((l) => (
              <option key={l.language} value={l.language} lang={l.language}>
                {l.name}
              </option>
            ))}
        </select>
      </fieldset>
    </div>
  );
}
