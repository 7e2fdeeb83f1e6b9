import type { Phrase } from "./i18n/words";

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
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, message, details);
export const notFound = (message: string, details?: unknown) => new ApiError(404, message, details);
export const conflict = (message: string, details?: unknown) => new ApiError(409, message, details);
export const unprocessable = (message: string, details?: unknown) => new ApiError(422, message, details);
