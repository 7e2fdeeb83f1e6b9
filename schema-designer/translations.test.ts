import { describe, expect, it } from "vitest";
import { applyDraftOp, describeDraftOp } from "./draft";
import { setTranslations } from "./translations";
import { seedSchema } from "./test-schema";

/** The demo schema with the translations it ships taken off, so each test starts from none. */
function testSchema() {
  return JSON.parse(JSON.stringify(seedSchema(), (key, value: unknown) => (key === "x-translations" ? undefined : value))) as ReturnType<
    typeof seedSchema
  >;
}

describe("translating the schema in the designer", () => {
  it("sets a field's words in one language, keeping the others, and takes empty ones away", () => {
    const base = testSchema();
    const table = Object.keys(base.$defs)[0];
    const field = Object.keys(base.$defs[table].properties)[0];
    const sv = setTranslations(base, { table, field }, "sv", { title: " Namn ", description: "Som det skrivs" });
    const both = setTranslations(sv, { table, field }, "zh", { title: "名称" });
    expect(both.$defs[table].properties[field]["x-translations"]).toEqual({
      sv: { title: "Namn", description: "Som det skrivs" },
      zh: { title: "名称" },
    });
    const cleared = setTranslations(
      setTranslations(both, { table, field }, "sv", { title: "", description: null }),
      { table, field },
      "zh",
      { title: "" },
    );
    expect(cleared.$defs[table].properties[field]).toEqual(base.$defs[table].properties[field]);
    expect(base.$defs[table].properties[field]["x-translations"]).toBeUndefined();
  });

  it("translates a table's label and plural through a draft edit that says what it does", () => {
    const base = testSchema();
    const table = Object.keys(base.$defs)[0];
    const op = { op: "setTranslations" as const, table, language: "hy", words: { title: "Հաճախորդ", "x-plural": "Հաճախորդներ" } };
    expect(applyDraftOp(base, op).$defs[table]["x-translations"]).toEqual({ hy: { title: "Հաճախորդ", "x-plural": "Հաճախորդներ" } });
    expect(describeDraftOp(base, op)).toMatch(/^Translate .* into hy$/);
  });

  it("refuses what is not a language code, and words a node cannot have", () => {
    const base = testSchema();
    const table = Object.keys(base.$defs)[0];
    expect(() => setTranslations(base, { table }, "Swedish", { title: "Kund" })).toThrow(/not a language code/);
    const field = Object.keys(base.$defs[table].properties)[0];
    expect(() => setTranslations(base, { table, field }, "sv", { "x-plural": "Namn" })).toThrow();
  });
});
