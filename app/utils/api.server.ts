import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import Ajv, { type ValidateFunction } from "ajv";
import { ApiError } from "@runtime/errors";
import type { Phrase } from "@runtime/i18n/words";
import { errorIn, phraseFor } from "../services/i18n.server";

/**
 * Statuses the HTTP layer decides by itself, before any service runs. ApiError (runtime/errors)
 * deliberately knows nothing about methods or media types.
 */
export class HttpError extends Error {
  constructor(
    readonly status: 405 | 415,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export interface ErrorBody {
  error: string;
  details?: unknown;
  /** The error as a catalog phrase, for the app's own screens to say in their reader's language (`answeredError`). */
  words?: Phrase;
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  });
  jsonTexts.set(response, text);
  return response;
}

const jsonTexts = new WeakMap<Response, string>();

/**
 * The text a `jsonResponse` was made of, for server.mjs to write as it is on the API's fast path:
 * reading it back out of the Response's body stream runs undici's stream machinery for nothing.
 */
export function jsonTextOf(response: Response): string | undefined {
  return jsonTexts.get(response);
}

/**
 * A page loader's call: a refusal (404 for someone else's mailing, 403, a 400 for a filter the
 * page cannot read) becomes the page's error status, shown by the error boundary.
 */
export async function forPage<T>(request: Request, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // In the reader's language: the page, unlike the API, is read by a person.
    if (error instanceof ApiError) throw jsonResponse({ error: await errorIn(request, error) }, error.status);
    throw error;
  }
}

/**
 * The one place an error becomes an HTTP answer. Anything that is not an error meant for the
 * caller is a bug: it is logged here and the body says nothing about it, so SQL text and stacks
 * never leave the server. A call from the app's own screens (a browser session, not an API
 * token) also gets the error's phrase as `words`; programs get the English body they always had.
 */
export function apiErrorResponse(error: unknown, request?: Request): Response {
  if (error instanceof Response) return error;
  if (error instanceof ApiError) {
    const body: ErrorBody = { error: error.message };
    const session = request !== undefined && !request.headers.has("authorization");
    const details = session && error.sessionDetails !== undefined ? error.sessionDetails : error.details;
    if (details !== undefined) body.details = details;
    if (error.phrase && session) body.words = error.phrase;
    return jsonResponse(body, error.status);
  }
  if (error instanceof HttpError) return jsonResponse({ error: error.message }, error.status, error.headers);
  console.error("Unhandled error in an API route:", error);
  return jsonResponse({ error: "internal error" }, 500);
}

/** Records and other everyday bodies. */
export const DEFAULT_MAX_JSON_BYTES = 1_000_000;
/** A large workspace schema is a few hundred kB; leave room for growth, but stay bounded. */
export const SCHEMA_MAX_BYTES = 4_000_000;

/** The request body as parsed JSON; 415, 413 or 400 (as thrown errors) when it cannot be. */
export async function readJson(request: Request, maxBytes: number = DEFAULT_MAX_JSON_BYTES): Promise<unknown> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new HttpError(415, "the request body must be JSON (Content-Type: application/json)");
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const bytes = await readAtMost(request, maxBytes);
  if (bytes.length === 0) throw new ApiError(400, "the request body is empty; expected a JSON document");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "the request body is not valid UTF-8");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, `invalid JSON: ${(error as Error).message}`);
  }
}

// Content-Length can be absent (chunked) or wrong, so the limit is enforced while reading too.
/** The body's bytes, or a thrown 413 once more than `maxBytes` arrived. */
export async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const tooLarge = (maxBytes: number) => new ApiError(413, `the request body is larger than ${maxBytes} bytes`);

const ajv = new Ajv({ allErrors: true });
const validators = new WeakMap<object, ValidateFunction>();

/**
 * Checks a request body against a JSON Schema (compiled once per schema object) and returns it
 * typed; 400 with `details: [{ path, message }]` otherwise.
 */
export function parseBody<T>(schema: object, value: unknown): T {
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  if (validate(value)) return value as T;
  const details = (validate.errors ?? []).map((e) => ({
    path: e.instancePath === "" ? "/" : e.instancePath,
    message:
      e.keyword === "additionalProperties" ? `unknown property "${String(e.params.additionalProperty)}"` : (e.message ?? "is invalid"),
  }));
  throw new ApiError(400, "invalid request body", details);
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type RouteArgs = LoaderFunctionArgs | ActionFunctionArgs;
/** Returns the body of a 200 answer, or a Response for anything else. */
export type ApiHandler = (args: RouteArgs) => Promise<unknown>;

/**
 * A Remix loader and action for a JSON resource route: dispatch on the method, answer 405 with
 * `Allow` for the others, and turn every thrown error into `{ error, details? }`.
 */
export function apiRoute(handlers: Partial<Record<HttpMethod, ApiHandler>>) {
  const methods = Object.keys(handlers) as HttpMethod[];
  const allow = [...methods, ...(methods.includes("GET") ? ["HEAD"] : [])].join(", ");

  async function handle(args: RouteArgs): Promise<Response> {
    const method = args.request.method.toUpperCase();
    const handler = handlers[(method === "HEAD" ? "GET" : method) as HttpMethod];
    try {
      if (handler === undefined) throw new HttpError(405, `method ${method} is not allowed here`, { Allow: allow });
      const result = await handler(args);
      return result instanceof Response ? result : jsonResponse(result);
    } catch (error) {
      // The app's own screens say the phrase; its table and field names as their reader's schema gives them.
      if (error instanceof ApiError && error.phrase && !args.request.headers.has("authorization"))
        error.phrase = await phraseFor(args.request, error.phrase).catch(() => error.phrase);
      return apiErrorResponse(error, args.request);
    }
  }

  return {
    loader: (args: LoaderFunctionArgs) => handle(args),
    action: (args: ActionFunctionArgs) => handle(args),
  };
}
