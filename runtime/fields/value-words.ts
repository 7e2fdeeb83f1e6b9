import { englishWords, phrased, type Phrase } from "../i18n/words";

/**
 * Why a kind refuses a value (an import cell, a filter value, a value converted to a field's new
 * kind), in English: the API, the CLI and the logs read it. The schema designer says the same
 * phrases in its reader's language (`locales/*.json`).
 */
export const KIND_VALUE_ENGLISH: Readonly<Record<string, string>> = {
  "kindValues.ambiguousNumber": "{{value}} is ambiguous: write {{plain}} for {{plain}}, or {{dotted}} with a dot as the decimal separator",
  "kindValues.tooLargeNumber": "{{value}} is too large to be a number",
  "kindValues.decimalComma": "{{value}} is not a number: use a dot as the decimal separator, e.g. {{suggestion}}",
  "kindValues.exponent": "{{value}} is not a number: write it out without an exponent, e.g. 1500 instead of 1.5e3",
  "kindValues.notNumber": "{{value}} is not a number: write digits with a dot as the decimal separator, e.g. 1234.5",
  "kindValues.notWhole": "{{value}} is not a whole number: remove the decimal places",
  "kindValues.tooLargeWhole": "{{value}} is too large: whole numbers must lie between -9007199254740991 and 9007199254740991",
  "kindValues.noMonth": "{{value}} is not a valid date: there is no month {{month}}",
  "kindValues.noDay": "{{value}} is not a valid date: {{month}} {{year}} has {{days}} days",
  "kindValues.months.1": "January",
  "kindValues.months.2": "February",
  "kindValues.months.3": "March",
  "kindValues.months.4": "April",
  "kindValues.months.5": "May",
  "kindValues.months.6": "June",
  "kindValues.months.7": "July",
  "kindValues.months.8": "August",
  "kindValues.months.9": "September",
  "kindValues.months.10": "October",
  "kindValues.months.11": "November",
  "kindValues.months.12": "December",
  "kindValues.notDate": "{{value}} is not a date: write it as YYYY-MM-DD (2026-11-24) or DD.MM.YYYY (24.11.2026)",
  "kindValues.notDateTime": "{{value}} is not a date and time: write it as ISO 8601 with a time zone, e.g. 2026-11-24T10:15:00Z",
  "kindValues.noTimeZone": "{{value}} has no time zone: add Z for UTC or an offset such as +01:00, e.g. 2026-11-24T10:15:00Z",
  "kindValues.notTime": "{{value}} is not a valid time: hours go up to 23, minutes and seconds up to 59",
  "kindValues.notRating": "{{value}} is not a rating: write a whole number from 1 to {{stars}}, or stars such as ★★★★",
  "kindValues.ratingRange": "{{value}} is not a rating from 1 to {{stars}} stars",
  "kindValues.notBoolean": "{{value}} is not yes or no: use true/false, yes/no, y/n or 1/0",
  "kindValues.notRecordId": "{{value}} is not a record id: use the linked record's id, a whole number such as 42",
  "kindValues.noFileText": "{{label}} values cannot be imported from text: upload the file on the record's card instead",
  "kindValues.notOption": "{{value}} is not one of the options: use one of {{options}}",
  "kindValues.notOptionMore": "{{value}} is not one of the options: use one of {{options}}, and {{more}} more",
  "kindValues.doesNotFit": "{{value}} does not fit the new definition: {{reason}}",
  "kindValues.oneValue": "{{field}} takes one value, but {{count}} were sent",
  "kindValues.oneFile": "{{field}} takes one file, but {{count}} were sent",
  "kindValues.notUploaded": "{{field}} did not arrive as an uploaded file: upload it again",
  "kindValues.notFileValue": "{{field}} does not describe an uploaded file: upload it again",
  "kindValues.computedTyped": "{{field}} is calculated by Tessera and cannot be typed in",
};
const english = englishWords(KIND_VALUE_ENGLISH);

/** A month's name as a phrase (1 is January), to go inside a value's message. */
export const monthPhrase = (month: number): Phrase => ({ key: `kindValues.months.${month}` });

/** A refused value: the English `error` and its phrase (`kindValues.<key>`) side by side. */
export function refuse(key: string, values: Record<string, unknown> = {}): { ok: false; error: string; words: Phrase } {
  const { message, words } = phrased(english, `kindValues.${key}`, values);
  return { ok: false, error: message, words };
}
