import { englishWords, WordedError, type Words } from "@runtime/i18n/words";

/**
 * What the form designer's operations say (places on the card, refusals), in English; a screen
 * passes its `t` to say the same in its reader's language (`locales/*.json`, same keys).
 */
export const FORM_DESIGNER_ENGLISH: Readonly<Record<string, string>> = {
  "formDesigner.place.separator": ", ",
  "formDesigner.place.card": "the card",
  "formDesigner.place.tab": "tab {{name}}",
  "formDesigner.place.section": "section {{name}}",
  "formDesigner.place.row": "row {{n}}",
  "formDesigner.place.and": "{{items}} and {{last}}",
  "formDesigner.place.beside": "{{where}}, beside {{names}}",
  "formDesigner.place.position": "{{where}}, position {{n}}",
  "formDesigner.place.before": "{{where}}, before {{what}}",
  "formDesigner.place.after": "{{where}}, after {{what}}",
  "formDesigner.place.empty": "{{where}} (empty)",
  "formDesigner.place.newRow": "{{where}}, a new row {{n}}",
  "formDesigner.place.theList": "the list {{name}}",
  "formDesigner.place.aNote": "a note",
  "formDesigner.place.aSeparator": "a separator",
  "formDesigner.place.aBlock": "a block",
  "formDesigner.place.cardEnd": "the card, a new row at the end",
  "formDesigner.place.rowEnd": "{{where}}, at its end",
  "formDesigner.place.newRowAtEnd": "{{where}}, a new row at the end",
  "formDesigner.errors.emptyLabel_section": "a section label cannot be empty",
  "formDesigner.errors.emptyLabel_tab": "a tab label cannot be empty",
  "formDesigner.errors.emptyLabel_field": "a field label cannot be empty",
  "formDesigner.errors.longLabel_field": "a field label is at most 120 characters",
  "formDesigner.errors.longLabel_section": "a section label is at most 120 characters",
  "formDesigner.errors.longLabel_tab": "a tab label is at most 120 characters",
  "formDesigner.errors.sectionTaken_tab": "this tab already has a section called “{{name}}”; pick another name",
  "formDesigner.errors.sectionTaken_card": "this card already has a section called “{{name}}”; pick another name",
  "formDesigner.errors.tabTaken": "this card already has a tab called “{{name}}”; pick another name",
  "formDesigner.errors.maxTabs": "a card has at most {{max}} tabs",
  "formDesigner.errors.noteEmpty": "a note needs some text",
  "formDesigner.errors.noteLong": "a note is at most 2000 characters",
  "formDesigner.errors.listLabelLong": "a related list label is at most 120 characters",
  "formDesigner.errors.cannotDrop": "that cannot be dropped there",
};

export const english: Words = englishWords(FORM_DESIGNER_ENGLISH);

/** An operation's refusal in the catalog's words (`formDesigner.errors.<key>`), thrown in English. */
export const refusal = (key: string, values: Record<string, unknown> = {}) =>
  new WordedError({ key: `formDesigner.errors.${key}`, values }, english);
