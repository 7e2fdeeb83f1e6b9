import { say, type Phrase, type Words } from "./i18n/words";

/**
 * An error the caller can act on. The HTTP layer turns it into `{ error, details? }` with its
 * status; anything else is a bug and becomes a bare 500 with no internals in the body.
 */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 428 | 429 | 503,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The message as a catalog phrase, when a screen may say it in its reader's language. */
  phrase?: Phrase;

  /**
   * Field problems (`details.fields`, English) as catalog phrases, by field key, for a card to say
   * in its reader's language. Kept off `details`, so the API's answer is the same in every language.
   */
  fieldWords?: Record<string, Phrase>;

  /**
   * `details` with phrases beside their English (schema problems' `words`), for the app's own
   * screens. Programs get `details`, so the API's answer to a token stays what it always was.
   */
  sessionDetails?: unknown;
}

/** An ApiError whose message is a catalog phrase, said in English from `english` and carried beside it. */
export function wordedApiError(status: ApiError["status"], english: Words, phrase: Phrase, details?: unknown): ApiError {
  const error = new ApiError(status, say(phrase, english), details);
  error.phrase = phrase;
  return error;
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, message, details);
export const notFound = (message: string, details?: unknown) => new ApiError(404, message, details);
export const conflict = (message: string, details?: unknown) => new ApiError(409, message, details);
export const unprocessable = (message: string, details?: unknown) => new ApiError(422, message, details);
