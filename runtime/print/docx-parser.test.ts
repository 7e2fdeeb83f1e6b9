import { describe, expect, it } from "vitest";
import { docxParser, parseDocxTag, resolvePath } from "./docx-parser";

const filters = { upper: (v: unknown) => String(v).toUpperCase(), pad: (v: unknown, n: unknown) => String(v).padStart(Number(n), "0") };
const known = new Set(Object.keys(filters));

describe("Word template tags", () => {
  it("reads a dotted path and named filters with quoted or numeric arguments", () => {
    expect(parseDocxTag("record.client.name", known)).toEqual({ path: ["record", "client", "name"], filters: [] });
    expect(parseDocxTag(" record.number | pad: 6 | upper ", known).filters).toEqual([
      { name: "pad", args: [6] },
      { name: "upper", args: [] },
    ]);
    // Word turns straight quotes into curly ones as you type.
    expect(parseDocxTag("record.date | pad: “long”", known).filters[0].args).toEqual(["long"]);
    expect(parseDocxTag(".", known).path).toEqual([]);
  });

  it("refuses expressions and unknown filters with a message naming them", () => {
    expect(() => parseDocxTag("record.total * 2", known)).toThrow(/is not a field path/);
    expect(() => parseDocxTag("record['x']", known)).toThrow(/is not a field path/);
    expect(() => parseDocxTag("record.total | shout", known)).toThrow(/there is no filter "shout" \(use pad, upper\)/);
    expect(() => parseDocxTag("record.total | pad: x", known)).toThrow(/takes quoted text or a number/);
  });

  it("reads only own properties, so a template cannot reach prototypes", () => {
    const scope = { record: { items: [{ name: "a" }] } };
    expect(resolvePath(scope, ["record", "items", "0", "name"])).toBe("a");
    expect(resolvePath(scope, ["record", "constructor", "name"])).toBeUndefined();
    expect(resolvePath(scope, ["__proto__"])).toBeUndefined();
    // An array's length is its own: "{record.items.length} lines".
    expect(resolvePath(scope, ["record", "items", "length"])).toBe(1);
  });

  it("applies filters as Liquid would, with the render's scope as `this`", () => {
    const self = { tag: "root" };
    const seen: unknown[] = [];
    const parser = docxParser(
      {
        mark: function (this: unknown, v: unknown) {
          seen.push(this);
          return `[${String(v)}]`;
        },
      },
      self,
    );
    expect(parser("record.n | mark").get({ record: { n: 7 } })).toBe("[7]");
    expect(seen).toEqual([self]);
    // Missing here: undefined, so docxtemplater asks the enclosing scope, unfiltered.
    expect(parser("record.n | mark").get({})).toBeUndefined();
  });
});
