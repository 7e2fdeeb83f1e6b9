import { availableLanguages } from "@runtime/i18n/catalogs.server";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { defaultLayout } from "@runtime/layouts/default-layout";
import { withLabelsInLanguages } from "@runtime/layouts/labels-in-languages";
import type { CardLayout } from "@runtime/layouts/types";
import type { CompiledSchema } from "@runtime/schema/compile";
import { translatorOf } from "./i18n.server";

type Current = Parameters<typeof inLanguage>[0];

/** The card a table gets when nobody designed one, in the words of `compiled`'s language. */
export function defaultCardOf(compiled: CompiledSchema, tableKey: string, language: string): CardLayout {
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) throw new Error(`there is no table "${tableKey}"`);
  const { t } = translatorOf(language);
  return defaultLayout(table, {
    details: t("card.details"),
    totals: t("card.totals"),
    listLabel: (l) => compiled.tablesByKey.get(l.table)?.pluralLabel,
  });
}

/**
 * The default card in English with every shipped language's words as its translations: what the
 * form designer starts from, so a card saved from it still speaks each reader's language.
 */
export function defaultCardInEveryLanguage(current: Current, tableKey: string): CardLayout {
  const others: Record<string, CardLayout> = {};
  for (const { language } of availableLanguages())
    if (language !== "en") others[language] = defaultCardOf(inLanguage(current, language).compiled, tableKey, language);
  return withLabelsInLanguages(defaultCardOf(inLanguage(current, "en").compiled, tableKey, "en"), others);
}
