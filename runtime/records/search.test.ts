import { describe, expect, it } from "vitest";
import { fts5Query, holdsWordPrefixes, searchTokens, splitUnspaced, titleRank } from "./search";

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

describe("checking a scanned row as the index would", () => {
  it("wants every token at the start of a word of some column, case and accents folded", () => {
    expect(holdsWordPrefixes(["Anna Mèrcier 12"], ["mercier"])).toBe(true);
    expect(holdsWordPrefixes(["ANNA-MERCIER"], ["merc", "ann"])).toBe(true);
    expect(holdsWordPrefixes(["Anna Mercier", "anna@lyon.fr"], ["mercier", "lyon"])).toBe(true);
    expect(holdsWordPrefixes(["Lamercier"], ["mercier"])).toBe(false);
    expect(holdsWordPrefixes(["Beta"], ["eta"])).toBe(false);
    expect(holdsWordPrefixes(["Anna Mercier", null], ["mercier", "lyon"])).toBe(false);
  });

  it("ranks a title equal to the term, then one starting with it", () => {
    expect(["Mercier", "Mercier & Fils", "Anna Mercier", null].map((t) => titleRank(t, "mercier"))).toEqual([0, 1, 2, 2]);
  });
});
