import { expect } from "vitest";

/** One HTTP answer, read once: JSON when it is JSON, the text otherwise. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

// SQL keywords in statement shape, driver error codes, stack frames, source paths.
const LEAK =
  /\bselect\b[^"]*\bfrom\b|insert into|delete from|\bupdate\b\s+`?\w+`?\s+set\b|SQLITE_|\bER_[A-Z_]+|\n\s+at |node_modules|\.server\.ts|knex/i;

/** Asserts what every error must be: JSON `{ error: string }` that names no SQL and no stack. */
export function expectCleanError(answer: HttpAnswer, what: string): void {
  expect(answer.json, `${what}: ${answer.status} body is not JSON: ${answer.text.slice(0, 300)}`).toBeTypeOf("object");
  expect(typeof answer.json?.error, `${what}: ${answer.text.slice(0, 300)}`).toBe("string");
  expect(answer.text, `${what}: leaks internals`).not.toMatch(LEAK);
}

/** `token`: an API token sent as `Authorization: Bearer` (unless the call sets its own Authorization). */
export function httpClient(baseUrl: () => string, token?: () => string | undefined) {
  return async function call(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> {
    const bearer = token?.();
    const headers: Record<string, string> = { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...options.headers };
    let body: BodyInit | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] ??= "application/json";
    }
    const response = await fetch(`${baseUrl()}${path}`, { method, headers, body });
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const answer = { status: response.status, headers: response.headers, text, json: json as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (answer.status >= 400) expectCleanError(answer, `${method} ${path}`);
    return answer;
  };
}
