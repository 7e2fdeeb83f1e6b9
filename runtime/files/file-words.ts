import { type ApiError, wordedApiError } from "../errors";
import { englishWords, type Phrase } from "../i18n/words";

/**
 * What uploads and stored files say when they refuse, in English for the API and the logs; the
 * card says the same phrases in its reader's language (`locales/*.json`, same keys).
 */
export const FILE_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.files.tooLarge": "the file is larger than the limit of {{limit}}",
  "refusals.files.empty": "the file is empty: choose a file with content",
  "refusals.files.quota":
    "you have {{pending}} of uploads that no record holds yet (at most {{quota}}): save the records they belong to, or wait a day until unsaved uploads are removed",
  "refusals.files.noFile": "there is no such file",
  "refusals.files.uploadTooLarge": "the upload is larger than {{mb}} MB",
  "refusals.files.notMultipart": "the upload is not valid multipart/form-data",
};
/** English of the file phrases. */
export const fileWords = englishWords(FILE_ENGLISH);

/** A file phrase (`refusals.files.<key>`). */
export const filePhrase = (key: string, values: Record<string, unknown> = {}): Phrase => ({ key: `refusals.files.${key}`, values });

/** A refusal whose English message is the catalog's. */
export const fileRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}): ApiError =>
  wordedApiError(status, fileWords, filePhrase(key, values));
