import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import schema from "@seeds/schema.json";
import type { WorkspaceSchema } from "../schema/types";
import { untranslatedWords } from "./schema-translations";

/** Every language the repository ships a catalog for, English (the schema's own words) aside. */
const SHIPPED = fs
  .readdirSync(path.join(process.cwd(), "locales"))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.replace(/\.json$/, ""))
  .filter((language) => language !== "en");

// The demo workspace is what a new firm first sees: a word left out shows in English in the middle
// of an otherwise translated screen, so every shipped language must translate all of them.
describe("the demo workspace in every shipped language", () => {
  it("ships more than English", () => {
    expect(SHIPPED.length).toBeGreaterThan(0);
  });

  for (const language of SHIPPED) {
    it(`translates every title, plural, description and option label into ${language}`, () => {
      expect(untranslatedWords(schema as unknown as WorkspaceSchema, language)).toEqual([]);
    });
  }
});
