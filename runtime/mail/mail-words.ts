import { type ApiError, wordedApiError } from "../errors";
import { englishWords, type Phrase } from "../i18n/words";

/**
 * What email, message templates, mailings and the unsubscribe list say when they refuse, in
 * English for the API, the CLI and the logs; the mail screens say the same phrases in their
 * reader's language (`locales/*.json`, same keys).
 */
export const MAIL_ENGLISH: Readonly<Record<string, string>> = {
  "mailUi.offNoServer": "Sending email is off: no mail server is set (SMTP_URL and MAIL_FROM, or an administrator under Admin → Email).",
  "refusals.mail.off": "Sending email is off: {{problem}}.",
  "refusals.mail.noSender": "MAIL_FROM (the sender) is not set",
  "refusals.mail.noServer": "SMTP_URL (the mail server) is not set",
  "refusals.mail.badServer": "the mail server must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587",
  "refusals.mail.badSender": "the sender (MAIL_FROM) must be one plain address, e.g. office@example.com",
  "refusals.mail.envSet": "the mail server is set by the server's environment (SMTP_URL, MAIL_FROM): change it there",
  "refusals.mail.oneLine": "the recipient must be on one line",
  "refusals.mail.noRecipient": "name at least one recipient, e.g. anna@example.com",
  "refusals.mail.tooManyRecipients": "at most 20 recipients",
  "refusals.mail.notAddress": '"{{address}}" is not an email address',
  "refusals.mail.required": "{{key}} is required: give the template a {{key}}",
  "refusals.mail.tooLong": "{{key}} is longer than {{max}} characters",
  "refusals.mail.notText": "{{key}} must be text",
  "refusals.mail.noTemplate": 'there is no message template "{{id}}"',
  "refusals.mail.templateShape": "send a template: { table, name, subject, body }",
  "refusals.mail.noTable": 'there is no table "{{table}}"',
  "refusals.mail.badLiquid": "the {{part}} is not valid Liquid: {{error}}",
  "refusals.mail.unfilled": 'the message template "{{name}}" could not be filled in: {{why}}; fix it under Admin → Email',
  "refusals.mail.noMessage": "there is no message {{id}}",
  "refusals.mail.sendShape": "send { to?, template?, subject?, body?, attach? }",
  "refusals.mail.wrongTable": 'the message template "{{name}}" is for {{table}}, not {{other}}',
  "refusals.mail.to": "to: {{reason}}",
  "refusals.mail.noSubject": "subject is empty: give one, or a message template that makes one",
  "refusals.mail.attachTable": 'the print template "{{id}}" does not print {{tables}}',
  "refusals.mail.attachNotOffered": 'the print template "{{name}}" is not offered for this record',
  "refusals.mail.noMailing": "there is no mailing {{id}}",
  "refusals.mail.templateRequired": "template is required: the id of a message template (Admin → Email)",
  "refusals.mail.noView": 'there is no list view "{{view}}" of {{tables}} that you may use',
  "refusals.mail.viewBroken": 'the list view "{{name}}" cannot be used for a mailing: {{notices}} Fix or save the view again first.',
  "refusals.mail.recordId": "record must be the id of a record of the list, e.g. record=12",
  "refusals.mail.notOnList": 'record {{record}} is not on the list "{{list}}"',
  "refusals.mail.emptyList": 'the list "{{name}}" has no records: there is no one to write to',
  "refusals.mail.badUnsubscribe":
    "This unsubscribe link is not valid: it may have been cut or changed. Open the link from the message again, or reply to the sender.",
  "refusals.mail.rate": "the mailing rate must be a whole number of messages per minute from 1 to {{max}}",
  "refusals.mail.notUnsubscribed": '"{{address}}" is not on the list of unsubscribed addresses',
};
/** English of the mail phrases. */
export const mailWords = englishWords(MAIL_ENGLISH);

/** A mail phrase (`refusals.mail.<key>`). */
export const mailPhrase = (key: string, values: Record<string, unknown> = {}): Phrase => ({ key: `refusals.mail.${key}`, values });

/** A refusal whose English message is the catalog's. */
export const mailRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}): ApiError =>
  wordedApiError(status, mailWords, mailPhrase(key, values));

/** A refusal from a phrase already made (why sending is off, why recipients are refused). */
export const mailRefusalOf = (status: ApiError["status"], phrase: Phrase): ApiError => wordedApiError(status, mailWords, phrase);
