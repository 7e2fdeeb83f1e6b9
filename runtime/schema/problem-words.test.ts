import { describe, expect, it } from "vitest";
import fixture from "./fixtures/realistic-workspace.json";
import { languagePack } from "../i18n/catalogs.server";
import { createTranslator } from "../i18n/translator";
import { say, type Words } from "../i18n/words";
import type { SchemaProblem } from "./types";
import { validateWorkspaceSchema } from "./validate-workspace";

/* eslint-disable @typescript-eslint/no-explicit-any -- tests break documents on purpose */
type Doc = any;

/**
 * The schema validator and the field kinds' definition checks answer in English (the API and the
 * CLI read it) and carry their phrase beside it, so the schema designer says it in its reader's
 * language; checked against the real catalogs.
 */
const sv: Words = createTranslator(languagePack("sv")).t;
const en: Words = createTranslator(languagePack("en")).t;

const workspace = (): Doc => structuredClone(fixture);

function problemAt(doc: Doc, path: string): SchemaProblem {
  const result = validateWorkspaceSchema(doc);
  const problems = result.ok ? [] : result.problems;
  const problem = problems.find((p) => p.path === path);
  expect(problem, JSON.stringify(problems)).toBeDefined();
  return problem!;
}

/** The phrase said by the English catalog is the English message, word for word. */
function expectPhrased(problem: SchemaProblem, swedish: string): void {
  expect(problem.words, problem.message).toBeDefined();
  expect(say(problem.words!, en)).toBe(problem.message);
  expect(say(problem.words!, sv)).toBe(swedish);
}

const invoices = "/$defs/invoices/properties";

describe("the field kinds' definition problems", () => {
  it("money: a currency field that is not text or a choice", () => {
    const doc = workspace();
    doc.$defs.invoices.properties.paid["x-currency-field"] = "issued_on";
    const problem = problemAt(doc, `${invoices}/paid/x-currency-field`);
    expect(problem.message).toBe(
      'currency field "issued_on" is a date field; it must be a text or select field holding a code such as "EUR"',
    );
    expectPhrased(problem, 'valutafältet "issued_on" är ett date-fält; det måste vara ett text- eller valfält med en kod som "EUR"');
  });

  it("autonumber: a year from a field that does not exist", () => {
    const doc = workspace();
    doc.$defs.invoices.properties.number["x-date-field"] = "sent_on";
    const problem = problemAt(doc, `${invoices}/number/x-date-field`);
    expectPhrased(problem, 'datumfältet "sent_on" finns inte i tabellen; ange ett datum- eller datum och tid-fält');
  });

  it("relation: a target table that does not exist", () => {
    const doc = workspace();
    doc.$defs.invoices.properties.client["x-target"] = "customers";
    const problem = problemAt(doc, `${invoices}/client/x-target`);
    expect(problem.words?.key).toBe("schemaProblems.targetMissing");
    expectPhrased(problem, 'måltabellen "customers" finns inte; använd någon av: clients, invoices, invoice_items, crm_users');
  });

  it("formula: a result whose JSON type does not match", () => {
    const doc = workspace();
    doc.$defs.invoices.properties.balance.type = "string";
    const problem = problemAt(doc, `${invoices}/balance/type`);
    expectPhrased(problem, 'en formel med x-result "money" har typen "number", inte "string"');
  });

  it("options: a label for a value that is not an option", () => {
    const doc = workspace();
    doc.$defs.invoices.properties.status["x-labels"] = { lost: "Lost" };
    const problem = problemAt(doc, `${invoices}/status/x-labels/lost`);
    expectPhrased(
      problem,
      'etikett för "lost", som inte är ett av alternativen; ta bort etiketten eller lägg till "lost" bland alternativen',
    );
  });
});

describe("the workspace schema validator's problems", () => {
  it("a reserved field key, with its reason and the kind of key as phrases", () => {
    const doc = workspace();
    doc.$defs.clients.properties.version = { type: "string", "x-kind": "text", "x-id": "f-version" };
    const problem = problemAt(doc, "/$defs/clients/properties/version");
    expect(problem.message).toBe('"version" is a system column every record already has; pick another field key, e.g. "version_value"');
    expectPhrased(problem, '"version" är en systemkolumn som varje post redan har; byt fältnyckeln, t.ex. till "version_value"');
  });

  it("a navigation group nobody defined", () => {
    const doc = workspace();
    doc.$defs.clients["x-group"] = "support";
    const problem = problemAt(doc, "/$defs/clients/x-group");
    expectPhrased(
      problem,
      'navigeringsgruppen "support" finns inte i x-groups (någon av: sales, billing); lägg till den i x-groups eller använd en befintlig nyckel',
    );
  });

  it("a title field of a kind that cannot be searched", () => {
    const doc = workspace();
    doc.$defs.clients["x-title-field"] = "active";
    const problem = problemAt(doc, "/$defs/clients/x-title-field");
    expectPhrased(
      problem,
      'titelfältet "active" är ett boolean-fält; välj ett textliknande fält (text, e-post, telefon, url), ett löpnummer eller en textformel',
    );
  });

  it("a formula's own problem, said inside the validator's", () => {
    const doc = workspace();
    doc.$defs.invoices.properties.balance["x-formula"] = "total - payd";
    const problem = problemAt(doc, `${invoices}/balance/x-formula`);
    expect(problem.message).toMatch(/^unknown field "payd".* \(at character 9 of the formula\)$/);
    expect(problem.words).toBeDefined();
    expect(say(problem.words!, en)).toBe(problem.message);
    expect(say(problem.words!, sv)).toMatch(/^okänt fält "payd".* \(vid tecken 9 i formeln\)$/);
  });

  it("formulas that depend on each other", () => {
    const doc = workspace();
    doc.$defs.invoices.properties.total["x-formula"] = "balance + 1";
    const problem = problemAt(doc, `${invoices}/total/x-formula`);
    expect(problem.message).toBe(
      "formulas depend on each other: total → balance → total; make one of them compute from stored fields instead",
    );
    expectPhrased(problem, "formlerna beror på varandra: total → balance → total; låt en av dem räkna från lagrade fält i stället");
  });
});

describe("a pattern's and the document's limits", () => {
  it("an unsafe pattern, with the advice inside as a phrase", () => {
    const doc = workspace();
    doc.$defs.clients.properties.vat_number.pattern = "^(a+)+$";
    const problem = problemAt(doc, "/$defs/clients/properties/vat_number/pattern");
    expect(say(problem.words!, en)).toBe(problem.message);
    expect(say(problem.words!, sv)).toMatch(
      /^mönstret upprepar en grupp som redan innehåller en upprepning .*; skriv det utan en upprepad grupp/,
    );
  });

  it("a reference the walk refuses before anything else", () => {
    const doc = workspace();
    doc.$defs.clients.properties.name.$ref = "https://example.com/schema";
    const problem = problemAt(doc, "/$defs/clients/properties/name/$ref");
    expectPhrased(problem, '"$ref": fjärr- och dynamiska referenser är inte tillåtna; skriv ut definitionen på plats');
  });
});
