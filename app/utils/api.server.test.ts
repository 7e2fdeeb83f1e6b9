import { describe, expect, it, vi } from "vitest";
import { ApiError, conflict, wordedApiError } from "@runtime/errors";
import { answeredError, englishWords } from "@runtime/i18n/words";
import { apiErrorResponse, apiRoute, HttpError, parseBody, readJson } from "./api.server";

const post = (body: BodyInit | null, contentType: string | null = "application/json", extra: Record<string, string> = {}) =>
  new Request("http://test/api", {
    method: "POST",
    body,
    headers: { ...(contentType ? { "Content-Type": contentType } : {}), ...extra },
  });

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("readJson", () => {
  it("parses a JSON body, also with a charset parameter", async () => {
    expect(await readJson(post('{"a":[1,2]}'), 100)).toEqual({ a: [1, 2] });
    expect(await readJson(post('"x"', "Application/JSON; charset=utf-8"), 100)).toBe("x");
  });

  it("answers 415 unless the body is declared as JSON", async () => {
    for (const type of ["text/plain", null, "application/jsonx"]) {
      const error = await thrown(readJson(post("{}", type), 100));
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(415);
    }
  });

  it("answers 400 with the parser's message on invalid JSON, and on an empty body", async () => {
    const error = (await thrown(readJson(post("{nope"), 100))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^invalid JSON: /);
    expect(((await thrown(readJson(post(""), 100))) as ApiError).status).toBe(400);
  });

  it("answers 413 over the limit, whether declared or only found while reading", async () => {
    const big = JSON.stringify({ text: "x".repeat(200) });
    expect(((await thrown(readJson(post(big), 100))) as ApiError).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("[1,2,3,4,5,6,7,8,9,10]"));
        controller.close();
      },
    });
    const chunked = new Request("http://test/api", {
      method: "POST",
      body: stream,
      headers: { "Content-Type": "application/json" },
      duplex: "half",
    } as RequestInit);
    expect(((await thrown(readJson(chunked, 100))) as ApiError).status).toBe(413);
    expect(await readJson(post("[1]"), 3)).toEqual([1]);
  });
});

describe("apiErrorResponse", () => {
  it("gives the app's own screens a worded error's phrase, and programs the English body alone", async () => {
    const worded = () =>
      wordedApiError(403, englishWords({ "x.refused": "You may not {{what}}." }), { key: "x.refused", values: { what: "see" } });
    const session = new Request("http://test/api", { headers: { cookie: "tessera_session=abc" } });
    const token = new Request("http://test/api", { headers: { authorization: "Bearer tk_abc" } });
    expect(await apiErrorResponse(worded(), session).json()).toEqual({
      error: "You may not see.",
      words: { key: "x.refused", values: { what: "see" } },
    });
    expect(await apiErrorResponse(worded(), token).json()).toEqual({ error: "You may not see." });
    const body: unknown = await apiErrorResponse(worded(), session).json();
    expect(answeredError(body, (key, values) => `${key}:${String(values?.what)}`, "fallback")).toBe("x.refused:see");
    expect(answeredError({ error: "plain" }, () => "said", "fallback")).toBe("plain");
    expect(answeredError(null, () => "said", "fallback")).toBe("fallback");
  });

  it("maps an ApiError to its status and { error, details }", async () => {
    const response = apiErrorResponse(conflict("stale version", { current: 4 }));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: "stale version", details: { current: 4 } });
    expect(await apiErrorResponse(new ApiError(404, "no such table")).json()).toEqual({ error: "no such table" });
  });

  it("turns anything else into a bare 500 and logs it", async () => {
    const log = vi.mocked(console.error).mockImplementation(() => {});
    const response = apiErrorResponse(new Error("SQLITE_ERROR: no such column: secret in SELECT * FROM users"));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: "internal error" });
    expect(text).not.toMatch(/SELECT|SQLITE|at /);
    expect(log).toHaveBeenCalledTimes(1);
  });
});

describe("parseBody", () => {
  const schema = { type: "object", required: ["n"], properties: { n: { type: "integer" } }, additionalProperties: false };

  it("returns a valid body", () => {
    expect(parseBody<{ n: number }>(schema, { n: 2 })).toEqual({ n: 2 });
  });

  it("answers 400 naming every problem by path", () => {
    let error: unknown;
    try {
      parseBody(schema, { n: "two", extra: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).details).toEqual(
      expect.arrayContaining([
        { path: "/n", message: "must be integer" },
        { path: "/", message: 'unknown property "extra"' },
      ]),
    );
  });
});

describe("apiRoute", () => {
  const args = (method: string) => ({ request: new Request("http://test/api", { method }), params: {}, context: {} });
  const route = apiRoute({
    GET: async () => ({ hello: "world" }),
    PUT: async () => new Response(null, { status: 204 }),
    POST: async () => {
      throw new ApiError(422, "bad record");
    },
  });

  it("answers a handler's value as JSON and passes a Response through", async () => {
    const response = await route.loader(args("GET"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ hello: "world" });
    expect((await route.action(args("PUT"))).status).toBe(204);
  });

  it("maps thrown errors", async () => {
    const response = await route.action(args("POST"));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: "bad record" });
  });

  it("answers 405 with Allow for other methods", async () => {
    const response = await route.action(args("DELETE"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, PUT, POST, HEAD");
    expect((await response.json()).error).toMatch(/DELETE/);
  });
});
