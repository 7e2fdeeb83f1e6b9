import { type ApiError, wordedApiError } from "../errors";
import { englishWords, type Phrase } from "../i18n/words";

/**
 * What the users, roles, passwords and API tokens services say when they refuse, in English for
 * the API, the CLI and the logs; the admin and account screens say the same phrases in their
 * reader's language (`locales/*.json`, same keys).
 */
export const PEOPLE_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.people.invalidEmail": "enter a valid email address, e.g. anna@example.com",
  "refusals.people.emailTaken": "a user with the email {{email}} already exists",
  "refusals.people.lastAdmin": "this is the last active administrator: make someone else an administrator first",
  "refusals.people.nameLength": "the name must be 1 to 200 characters",
  "refusals.people.nameEmpty": "the name must not be empty",
  "refusals.people.passwordText": "the password must be text",
  "refusals.people.passwordShort": "the password must have at least {{min}} characters",
  "refusals.people.passwordLong": "the password can have at most 200 characters",
  "refusals.people.wrongCurrent": "the current password is not right",
  "refusals.people.passwordsDiffer": "the two new passwords differ",
  "refusals.people.passwordSame": "choose a password different from the current one",
  "refusals.people.adminRoleFixed": "the administrator role cannot be changed: it may always do everything",
  "refusals.people.roleBuiltIn": '"{{role}}" is built in and cannot be removed',
  "refusals.people.roleInUse": '{{n}} user(s) still have the role "{{role}}": give them another role first',
  "refusals.people.tokenName": 'name the token (1 to 100 characters), e.g. "accounting export"',
  "refusals.people.signedInOnly": "only a signed-in user has a password to change",
  "refusals.people.notRole": '"{{role}}" is not a role: use one of {{roles}}',
  "refusals.people.noUser": "user #{{id}} does not exist",
  "refusals.people.active": "active must be true or false",
  "refusals.people.notLanguage": '"{{language}}" is not a language Tessera has: choose one of {{languages}}, or none to follow the browser',
  "refusals.people.adminPage": "Only administrators may open this page.",
  "refusals.people.tokenOwner": "only a signed-in user can own an API token",
  "refusals.people.noToken": "token #{{id}} does not exist",
  "refusals.people.auditRecord": "record must be a record id, e.g. ?table=clients&record=12",
  "refusals.people.auditAll": "Only administrators may read the whole audit trail; ask for one record: ?table=clients&record=12",
  "refusals.people.auditTable": "Your role ({{role}}) may not see {{tables}}.",
  "refusals.people.auditId": "{{param}} must be an id, e.g. ?{{param}}=12",
  "refusals.people.auditAction": "action must be one of {{actions}}",
};
const english = englishWords(PEOPLE_ENGLISH);

/** A phrase of these services (`refusals.people.<key>`). */
export const peoplePhrase = (key: string, values: Record<string, unknown> = {}): Phrase => ({ key: `refusals.people.${key}`, values });

/** A refusal whose English message is the catalog's. */
export const peopleRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}): ApiError =>
  wordedApiError(status, english, peoplePhrase(key, values));

/** A refusal from a phrase already made (a password's problem). */
export const peopleRefusalOf = (status: ApiError["status"], phrase: Phrase): ApiError => wordedApiError(status, english, phrase);
