import { describe, expect, it } from "vitest";
import { parseDateText } from "../fields/dates";
import { checkFormula, type FormulaScope } from "../formula/check";
import { convertValue } from "../migrations/convert";
import { languagePack } from "./catalogs.server";
import { createTranslator } from "./translator";
import { say, type Words } from "./words";
import type { FieldSchema } from "../schema/types";

/**
 * The formula checker and the field kinds answer in English (the schema validation, imports, the
 * API and the CLI read it) and carry their phrase beside it, so the schema designer says it in
 * its reader's language; checked against the real Swedish catalog.
 */
const sv: Words = createTranslator(languagePack("sv")).t;

const invoice: FormulaScope = {
  fields: { number: "autonumber", quantity: "decimal", currency: "select" },
  lists: { items: { amount: "money", description: "text" } },
};

describe("the formula checker's messages", () => {
  it("say a misspelt field, with its hint, in the reader's words", () => {
    const [error] = checkFormula("qty * 2", invoice);
    expect(error.message).toBe('unknown field "qty": did you mean "quantity"?');
    expect(say(error.words!, sv)).toBe('okänt fält "qty": menade du "quantity"?');
  });

  it("say a parse error whose parts are phrases too", () => {
    const [error] = checkFormula("round(quantity", invoice);
    expect(error.message).toBe('missing ")" to close round(');
    expect(say(error.words!, sv)).toBe('")" saknas för att stänga round(');
  });

  it("say a count of arguments in the catalog's plural", () => {
    const [error] = checkFormula("if(quantity, 1)", invoice);
    expect(error.message).toBe("if takes 3 arguments; got 2");
    expect(say(error.words!, sv)).toBe("if tar 3 argument; fick 2");
  });
});

const field = (kind: string, type: string) => ({ type, "x-kind": kind, "x-id": `f_${kind}` }) as FieldSchema;

describe("the field kinds' value messages", () => {
  it("say a value refused by its kind, with a month's name, in the reader's words", () => {
    const refused = parseDateText("2026-02-30");
    expect(refused).toMatchObject({ ok: false, error: '"2026-02-30" is not a valid date: February 2026 has 28 days' });
    expect(!refused.ok && say(refused.words!, sv)).toBe('"2026-02-30" är inget giltigt datum: februari 2026 har 28 dagar');
  });

  it("say why a value would not convert to a field's new kind", () => {
    const converted = convertValue("twelve", field("text", "string"), field("integer", "integer"));
    expect(converted).toMatchObject({ ok: false, error: expect.stringContaining('"twelve" is not a number') });
    expect(!converted.ok && say(converted.words!, sv)).toBe(
      '"twelve" är inget tal: skriv siffror med punkt som decimaltecken, t.ex. 1234.5',
    );
  });
});
