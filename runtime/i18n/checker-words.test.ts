import { describe, expect, it } from "vitest";
import { checkFormula, type FormulaScope } from "../formula/check";
import { languagePack } from "./catalogs.server";
import { createTranslator } from "./translator";
import { say, type Words } from "./words";

/**
 * The formula checker answers in English (the schema validation, the API and the CLI read
 * `message`) and carries its phrase beside it, so the schema designer says it in its reader's
 * language; checked against the real Swedish catalog.
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
