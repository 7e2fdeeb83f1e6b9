import { describe, expect, it } from "vitest";
import { jobFileUrl, jobStatusUrl, responseError, sentenceCase } from "./batch-print-plan";

describe("job addresses", () => {
  it("escapes the job id", () => {
    expect(jobStatusUrl("a/b")).toBe("/api/print/jobs/a%2Fb");
    expect(jobFileUrl("Xy_9-")).toBe("/api/print/jobs/Xy_9-/file");
  });
});

describe("sentenceCase", () => {
  it("capitalises the first letter only", () => {
    expect(sentenceCase("a print job takes at most 2,000 records")).toBe("A print job takes at most 2,000 records");
    expect(sentenceCase("")).toBe("");
  });
});

describe("responseError", () => {
  it("prefers the server's JSON message, then short plain text, then the status", async () => {
    expect(await responseError(new Response(JSON.stringify({ error: "no such template" }), { status: 404 }))).toBe("no such template");
    expect(await responseError(new Response("Too many requests", { status: 429 }))).toBe("Too many requests");
    expect(await responseError(new Response("<html>boom</html>", { status: 500, statusText: "Internal Server Error" }))).toBe(
      "The server answered 500 Internal Server Error.",
    );
  });
});
