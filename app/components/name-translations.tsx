import { useTranslation } from "react-i18next";
import type { ItemTranslations } from "@runtime/i18n/item-names";

/**
 * Inputs for a configuration item's name in the other languages (ADR 035): one per language
 * besides the one the name is written in, named `translations.<language>` so that
 * `translationsFromForm` reads them back. Empty inputs leave the name as written.
 */
export function NameTranslations(props: {
  languages: readonly { language: string; name: string }[];
  translations?: ItemTranslations | null;
  /** Remounts the inputs when the form switches to another item. */
  itemKey: string | number;
}) {
  const { t } = useTranslation();
  if (props.languages.length === 0) return null;
  return (
    <fieldset className="name-translations" key={props.itemKey}>
      <legend>{t("itemNames.legend")}</legend>
      {props.languages.map(({ language, name }) => (
        <label key={language}>
          <span>{name}</span>
          <input
            className="input"
            name={`translations.${language}`}
            lang={language}
            maxLength={200}
            defaultValue={props.translations?.[language]?.name ?? ""}
          />
        </label>
      ))}
    </fieldset>
  );
}
