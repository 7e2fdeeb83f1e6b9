import { useContext, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { setLayoutTranslation, translatableWords, type ElementWords } from "@form-designer/translations";
import { elementAt, type ElementPath } from "@form-designer/paths";
import type { CardLayout, LayoutTranslations } from "@runtime/layouts/types";
import { TranslationLanguages } from "../schema-designer/translations-form";

type Word = keyof ElementWords;

function storedWords(layout: CardLayout, path: ElementPath): LayoutTranslations {
  const node = elementAt(layout, path);
  if (node.type === "Control") return node.options?.["x-translations"] ?? {};
  return "x-translations" in node ? (node["x-translations"] ?? {}) : {};
}

/**
 * An element's words in the other languages (a tab's or section's name, a list's heading, a
 * field's label and help here, a note): closed until asked for, one language at a time. Empty
 * means the designed words show.
 */
export function LayoutTranslationsForm(props: {
  layout: CardLayout;
  path: ElementPath;
  /** What the element says as designed, per word, shown as the placeholder. */
  designed: ElementWords;
  onApply(make: () => CardLayout): void;
}) {
  const { t } = useTranslation();
  const languages = useContext(TranslationLanguages);
  const id = useId();
  const [language, setLanguage] = useState(languages[0]?.language ?? "");
  const stored = storedWords(props.layout, props.path);
  const [words, setWords] = useState<ElementWords>(stored[language] ?? {});
  const wanted = translatableWords(elementAt(props.layout, props.path)) as Word[];
  if (languages.length === 0 || wanted.length === 0) return null;
  const pick = (next: string) => {
    setLanguage(next);
    setWords(stored[next] ?? {});
  };
  return (
    <details className="fd-translations" data-testid="layout-translations">
      <summary>{t("formDesigner.translations.title")}</summary>
      <form
        className="fd-inspector__form"
        onSubmit={(e) => {
          e.preventDefault();
          const all = Object.fromEntries(wanted.map((w) => [w, words[w] ?? null])) as ElementWords;
          props.onApply(() => setLayoutTranslation(props.layout, props.path, language, all));
        }}
      >
        <label htmlFor={`${id}-language`}>{t("userMenu.language")}</label>
        <select id={`${id}-language`} className="tf-select" value={language} onChange={(e) => pick(e.target.value)}>
          {languages.map((l) => (
            <option key={l.language} value={l.language} lang={l.language}>
              {l.name}
            </option>
          ))}
        </select>
        {wanted.map((word) => (
          <div key={word} className="fd-translations__word">
            <label htmlFor={`${id}-${word}`}>{t(`formDesigner.translations.${word}`)}</label>
            {word === "text" ? (
              <textarea
                id={`${id}-${word}`}
                className="tf-textarea"
                rows={3}
                lang={language}
                maxLength={2000}
                value={words[word] ?? ""}
                placeholder={props.designed[word] ?? ""}
                onChange={(e) => setWords((w) => ({ ...w, [word]: e.target.value }))}
              />
            ) : (
              <input
                id={`${id}-${word}`}
                className="tf-input"
                lang={language}
                maxLength={word === "help" ? 500 : 120}
                value={words[word] ?? ""}
                placeholder={props.designed[word] ?? ""}
                onChange={(e) => setWords((w) => ({ ...w, [word]: e.target.value }))}
              />
            )}
          </div>
        ))}
        <button type="submit" className="button button--small">
          {t("formDesigner.translations.apply")}
        </button>
      </form>
    </details>
  );
}
