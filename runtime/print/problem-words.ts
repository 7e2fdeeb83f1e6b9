import { englishWords, phrased, type Phrase } from "../i18n/words";

/**
 * What the print service says of a template's references the schema no longer has, in English;
 * the admin screens say the same phrases in their reader's language (`locales/*.json`).
 */
export const PRINT_PROBLEMS_ENGLISH: Readonly<Record<string, string>> = {
  "printDesigner.problems.tableGone": 'prints records of "{{table}}", a table that no longer exists',
  "printDesigner.problems.removedField": 'uses removed field "{{field}}" of {{table}} ({{path}})',
  "printDesigner.problems.docxTableGone": 'fills records of "{{table}}", a table that no longer exists',
  "printDesigner.problems.docxNoField": '{{tag}}: there is no field "{{field}}" in {{table}}',
};
const english = englishWords(PRINT_PROBLEMS_ENGLISH);

/** A problem's English message and its phrase (`printDesigner.problems.<key>`), side by side. */
export function problemWords(key: string, values: Record<string, unknown>): { message: string; words: Phrase } {
  return phrased(english, `printDesigner.problems.${key}`, values);
}
