import { describe, expect, it } from "vitest";
import { fts5Query, searchTokens, splitUnspaced } from "./search";

describe("quick-search terms", () => {
  it("sends terms in unspaced scripts to substring matching and keeps the rest for the index", () => {
    expect(splitUnspaced("科技 Acme サービス 서울 ไทย")).toEqual({ indexed: "Acme", substrings: ["科技", "サービス", "서울", "ไทย"] });
    expect(splitUnspaced("Mercier  Lyon")).toEqual({ indexed: "Mercier Lyon", substrings: [] });
    // Full-width Latin typed with a Japanese input method reads as plain Latin.
    expect(splitUnspaced("ＡＢＣ")).toEqual({ indexed: "ABC", substrings: [] });
  });

  it("asks FTS5 for both spellings of the Armenian ligature", () => {
    expect(searchTokens("Երևան")).toEqual(["երեւան"]);
    expect(fts5Query(searchTokens("Երևան Mer"))).toBe('("երեւան"* OR "երևան"*) AND "mer"*');
  });
});
