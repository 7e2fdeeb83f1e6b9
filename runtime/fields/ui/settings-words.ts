import { englishWords, type Words } from "../../i18n/words";

/** What the kinds' own settings in the schema designer say when they find a problem, in English. */
export const KIND_SETTINGS_ENGLISH: Readonly<Record<string, string>> = {
  "schemaDesigner.kindSettings.choicesMissing": "Add at least one choice, one per line (e.g. North)",
  "schemaDesigner.kindSettings.patternMissing": "Give a pattern such as INV-{YYYY}-{0000}",
  "schemaDesigner.kindSettings.formulaMissing": "Write the expression, e.g. price * quantity",
  "schemaDesigner.kindSettings.formulaFix_one": "Fix the problem in the formula shown above first",
  "schemaDesigner.kindSettings.formulaFix_other": "Fix the {{count}} problems in the formula shown above first",
  "schemaDesigner.kindSettings.starsInvalid": "Stars must be a whole number from {{min}} to {{max}}",
  "schemaDesigner.kindSettings.targetMissing": "Pick the table this field links to",
};

export const englishSettingsWords: Words = englishWords(KIND_SETTINGS_ENGLISH);
