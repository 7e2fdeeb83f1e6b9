import { describe, expect, it } from "vitest";
import { batchChunks, batchFileName, localDay, responseError } from "./batch-print-plan";

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("batchChunks", () => {
  it("sends up to 100 ids in one request", () => {
    expect(batchChunks(range(100))).toEqual([range(100)]);
    expect(batchChunks([])).toEqual([]);
  });

  it("splits more than 100 ids into consecutive parts of 100, in order", () => {
    const chunks = batchChunks(range(250));
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(range(250));
    expect(batchChunks(range(5), 2, 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe("batchFileName", () => {
  const day = new Date(2026, 10, 4, 23, 59);
  it("names the file by the table, the local day and the count", () => {
    expect(localDay(day)).toBe("2026-11-04");
    expect(batchFileName("Invoices", 12, day)).toBe("Invoices 2026-11-04 (12).pdf");
    expect(batchFileName("Invoices", 250, day, { index: 2, of: 3 })).toBe("Invoices 2026-11-04 (250) part 2 of 3.pdf");
  });

  it("keeps characters a file system refuses out of the name", () => {
    expect(batchFileName('Bills/"payment"', 1, day)).toBe("Bills payment 2026-11-04 (1).pdf");
    expect(batchFileName("///", 1, day)).toBe("Records 2026-11-04 (1).pdf");
  });
});

describe("responseError", () => {
  it("prefers the server's JSON message, then short plain text, then the status", async () => {
    expect(await responseError(new Response(JSON.stringify({ error: "no such template" }), { status: 404 }))).toBe("no such template");
    expect(await responseError(new Response("Too many requests", { status: 429 }))).toBe("Too many requests");
    expect(await responseError(new Response("<html>boom</html>", { status: 500, statusText: "Internal Server Error" }))).toBe("The server answered 500 Internal Server Error.");
  });
});
