import { createContext, useContext, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { quoted } from "@schema-designer/words";
import { useWords } from "../../i18n/use-words";
import { optionValues } from "@runtime/fields/options";
import type { WorkspaceSchema } from "@runtime/schema/types";
import type { NodeWords } from "@schema-designer/translations";
import { FormError, SaveToDraft, Labelled } from "./field-form-inputs";
import type { Edit } from "./field-editor";

/** The languages a schema can be translated into (every catalog but English), from the page's loader. */
export const TranslationLanguages = createContext<{ language: string; name: string }[]>([]);

/**
 * A table's or a field's words in another language: its label (and plural), help text and option
 * labels, stored in its `x-translations` and shown to readers of that language. Empty means "as written".
 */
export function TranslationsForm({ schema, table, field, edit }: { schema: WorkspaceSchema; table: string; field?: string; edit: Edit }) {
  const { t } = useTranslation();
  const say = useWords();
  const languages = useContext(TranslationLanguages);
  const [language, setLanguage] = useState(languages[0]?.language ?? "");
  const node = field ? schema.$defs[table].properties[field] : schema.$defs[table];
  const options = field ? optionValues(schema.$defs[table].properties[field]) : [];
  const current = node["x-translations"]?.[language] ?? {};
  const [words, setWords] = useState<NodeWords>(current);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  if (languages.length === 0) return null;

  const pick = (next: string) => {
    setLanguage(next);
    setWords(node["x-translations"]?.[next] ?? {});
    setSaved(false);
  };
  const set = (name: "title" | "x-plural" | "description", value: string) => setWords((w) => ({ ...w, [name]: value }));
  const setLabel = (option: string, value: string) => setWords((w) => ({ ...w, "x-labels": { ...w["x-labels"], [option]: value } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const all: NodeWords = {
      title: words.title ?? null,
      description: words.description ?? null,
      ...(field ? {} : { "x-plural": words["x-plural"] ?? null }),
      ...(options.length ? { "x-labels": Object.fromEntries(options.map((o) => [o, words["x-labels"]?.[o] ?? null])) } : {}),
    };
    const error = edit({ op: "setTranslations", table, ...(field ? { field } : {}), language, words: all });
    setFailure(error);
    setSaved(!error);
  };
  const written = (name: "title" | "x-plural" | "description") => (node as unknown as Record<string, unknown>)[name] as string | undefined;

  return (
    <form className="sd-form" onSubmit={submit} aria-labelledby={`sd-translate-${field ?? table}`} noValidate>
      <h3 id={`sd-translate-${field ?? table}`}>{t("schemaDesigner.translations.title")}</h3>
      <Labelled label={t("userMenu.language")}>
        {(p) => (
          <select {...p} value={language} onChange={(e) => pick(e.target.value)}>
            {languages.map((l) => (
              <option key={l.language} value={l.language} lang={l.language}>
                {l.name}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      <Labelled label={t("schemaDesigner.translations.label", { written: written("title") ?? t("schemaDesigner.translations.asWritten") })}>
        {(p) => <input {...p} lang={language} value={words.title ?? ""} onChange={(e) => set("title", e.target.value)} />}
      </Labelled>
      {field ? null : (
        <Labelled
          label={t("schemaDesigner.translations.plural", { written: written("x-plural") ?? t("schemaDesigner.translations.asWritten") })}
        >
          {(p) => <input {...p} lang={language} value={words["x-plural"] ?? ""} onChange={(e) => set("x-plural", e.target.value)} />}
        </Labelled>
      )}
      <Labelled label={t("schemaDesigner.translations.help")}>
        {(p) => (
          <textarea {...p} lang={language} rows={2} value={words.description ?? ""} onChange={(e) => set("description", e.target.value)} />
        )}
      </Labelled>
      {options.map((o) => (
        <Labelled
          key={o}
          label={t("schemaDesigner.translations.option", {
            option: quoted((node as { "x-labels"?: Record<string, string> })["x-labels"]?.[o] ?? o, say),
          })}
        >
          {(p) => <input {...p} lang={language} value={words["x-labels"]?.[o] ?? ""} onChange={(e) => setLabel(o, e.target.value)} />}
        </Labelled>
      ))}
      <FormError message={failure} />
      <SaveToDraft saved={saved} />
    </form>
  );
}
