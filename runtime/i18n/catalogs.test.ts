import fs from "node:fs";
import path from "node:path";
import { ENGLISH_VALIDATION } from "../records/validation";
import { describe, expect, it } from "vitest";
import { catalogProblem, deepMerge } from "./catalogs.server";

/** The shipped languages must be complete: a test fails when one lacks a message English has. */
const SHIPPED = ["en", "sv", "zh", "hy"];
const dir = path.join(process.cwd(), "locales");
const read = (language: string) => JSON.parse(fs.readFileSync(path.join(dir, `${language}.json`), "utf8")) as Record<string, unknown>;

function flatten(messages: Record<string, unknown>, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(messages)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(at, value);
    else flatten(value as Record<string, unknown>, at, out);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const variables = (text: string) => [...text.matchAll(/{{\s*([\w.]+)/g)].map((m) => m[1]).sort();

/** English's messages by key, a plural's forms under its base key. */
function englishKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, text] of flatten(read("en"))) keys.set(key.replace(PLURAL, ""), text);
  return keys;
}

describe("the shipped message catalogs", () => {
  const english = englishKeys();

  for (const language of SHIPPED) {
    it(`${language} is a usable catalog`, () => {
      expect(catalogProblem(`${language}.json`, read(language))).toBeNull();
    });
  }

  for (const language of SHIPPED.filter((l) => l !== "en")) {
    it(`${language} has every message English has, in each plural form the language uses`, () => {
      const messages = flatten(read(language));
      const locale = String(messages.get("language.locale"));
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const englishPlurals = new Set([...flatten(read("en")).keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
      const missing: string[] = [];
      for (const key of english.keys()) {
        if (englishPlurals.has(key)) {
          for (const category of categories) if (!messages.has(`${key}_${category}`)) missing.push(`${key}_${category}`);
        } else if (!messages.has(key)) missing.push(key);
      }
      expect(missing).toEqual([]);
    });

    it(`${language} has no message English lacks, and keeps each message's placeholders`, () => {
      const extra: string[] = [];
      const placeholders: string[] = [];
      for (const [key, text] of flatten(read(language))) {
        const base = key.replace(PLURAL, "");
        const source = english.get(base);
        if (source === undefined) extra.push(key);
        else if (base !== "language.name" && base !== "language.locale") {
          const want = variables(source).filter((v) => v !== "count");
          const have = variables(text).filter((v) => v !== "count");
          if (JSON.stringify(want) !== JSON.stringify(have)) placeholders.push(`${key}: ${have.join(",")} ≠ ${want.join(",")}`);
        }
      }
      expect(extra).toEqual([]);
      expect(placeholders).toEqual([]);
    });
  }

  it("every message key the code names exists in English", () => {
    // print.* are the documents' words, named by templates (below); "print.batch" in code is a job kind.
    const namespaces = Object.keys(read("en")).filter((k) => k !== "language" && k !== "print");
    // The rule engine's job kinds look like rules.* messages but name queue jobs.
    const jobKinds = new Set(["rules.event", "rules.tick", "rules.run"]);
    const keyLiteral = new RegExp(`["'\`]((?:${namespaces.join("|")})\\.[A-Za-z0-9_.]+)["'\`]`, "g");
    const unknown: string[] = [];
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
          for (const m of fs.readFileSync(file, "utf8").matchAll(keyLiteral))
            // English tables in code name a plural's forms (`…_one`, `…_other`) one by one.
            if (!english.has(m[1].replace(PLURAL, "")) && !jobKinds.has(m[1]) && !/\.(tsx?|m?js|css|json)$/.test(m[1]))
              unknown.push(`${path.relative(process.cwd(), file)}: ${m[1]}`);
      }
    };
    for (const folder of ["app", "runtime"]) walk(path.join(process.cwd(), folder));
    expect(unknown).toEqual([]);
  });

  it("every print message the shipped templates name exists in English", () => {
    const folder = path.join(process.cwd(), "seeds", "print-templates");
    const unknown: string[] = [];
    for (const file of fs.readdirSync(folder))
      for (const m of fs.readFileSync(path.join(folder, file), "utf8").matchAll(/"(print\.[A-Za-z0-9_.]+)"\s*\|\s*t\b/g))
        if (!english.has(m[1])) unknown.push(`${file}: ${m[1]}`);
    expect(unknown).toEqual([]);
  });

  it("a language lays its messages over English's", () => {
    expect(deepMerge({ a: { b: "B", c: "C" }, d: "D" }, { a: { b: "b" } })).toEqual({ a: { b: "b", c: "C" }, d: "D" });
  });

  it("the API's English problems are the English catalog's, word for word", () => {
    const catalog = Object.fromEntries(
      [...flatten(read("en")).entries()].filter(([key]) => key.startsWith("validation.") && !key.startsWith("validation.hints.")),
    );
    expect(ENGLISH_VALIDATION).toEqual(catalog);
  });
});
