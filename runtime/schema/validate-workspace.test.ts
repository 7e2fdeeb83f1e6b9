import { describe, it, expect } from "vitest";
import fc from "fast-check";
import fixture from "./fixtures/realistic-workspace.json";
import type { SchemaProblem } from "./types";
import { describeProblems, validateWorkspaceSchema } from "./validate-workspace";

/* eslint-disable @typescript-eslint/no-explicit-any -- tests break documents on purpose */
type Doc = any;

const workspace = (): Doc => structuredClone(fixture);
const clients = (doc: Doc) => doc.$defs.clients;
const invoices = (doc: Doc) => doc.$defs.invoices;
const items = (doc: Doc) => doc.$defs.invoice_items;

function problemsOf(doc: unknown): SchemaProblem[] {
  const result = validateWorkspaceSchema(doc);
  return result.ok ? [] : result.problems;
}

/**
 * The document breaks one rule: every problem sits at `path` and one of them says `message`.
 * Both layers may speak about the same spot, but nothing else in the document may be reported.
 */
function expectOnlyProblemAt(doc: unknown, path: string, message: RegExp): SchemaProblem[] {
  const problems = problemsOf(doc);
  const listing = describeProblems(problems);
  expect(problems.length, listing).toBeGreaterThan(0);
  expect(
    problems.map((p) => p.path),
    listing,
  ).toEqual(problems.map(() => path));
  expect(
    problems.some((p) => message.test(p.message)),
    listing,
  ).toBe(true);
  return problems;
}

function expectProblem(problems: SchemaProblem[], path: string, message: RegExp): void {
  expect(
    problems.some((p) => p.path === path && message.test(p.message)),
    `${path} ${message}\nin:\n${describeProblems(problems)}`,
  ).toBe(true);
}

function nest(levels: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe("the realistic fixture", () => {
  it("passes and comes back as the schema", () => {
    const doc = workspace();
    const result = validateWorkspaceSchema(doc);
    expect(result.ok ? [] : describeProblems(result.problems)).toEqual([]);
    expect(result.ok && result.schema).toBe(doc);
  });

  it("keeps quotes, backticks and SQL-looking text as plain data", () => {
    const segment = clients(workspace()).properties.segment;
    expect(segment.enum).toContain("O'Reilly");
    expect(segment["x-labels"]["O'Reilly"]).toBe("a`b");
    expect(segment.default).toBe("x'); DROP TABLE t;--");
  });
});

describe("size caps", () => {
  it("refuses a 3 MB document quickly, before ajv or any other check", () => {
    const doc = workspace();
    doc.$defs.Bad = { "x-id": 5 }; // would give several problems if it got that far
    clients(doc).description = "x".repeat(3 * 1024 * 1024);
    const started = performance.now();
    const problems = problemsOf(doc);
    const elapsed = performance.now() - started;
    expect(problems).toMatchObject([{ path: "", message: expect.stringMatching(/larger than 2 MB/) }]);
    expect(elapsed).toBeLessThan(500);
  });

  it("counts the serialized size, escapes and multi-byte characters included", () => {
    const doc = workspace();
    clients(doc).description = "é".repeat(1.1 * 1024 * 1024); // 2 bytes each in UTF-8
    expect(problemsOf(doc)).toMatchObject([{ path: "", message: expect.stringMatching(/larger than 2 MB/) }]);
  });

  it("refuses nesting deeper than 12 levels and names where", () => {
    const doc = workspace();
    // root, $defs, table, properties, field = 5 levels; the default adds the rest
    clients(doc).properties.tags.default = nest(8);
    const problems = problemsOf(doc);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(`/$defs/clients/properties/tags/default${"/0".repeat(7)}`);
    expect(problems[0].message).toMatch(/deeper than 12 levels/);
  });

  it("does not loop on a cyclic object", () => {
    const doc = workspace();
    clients(doc).properties.tags.default = doc;
    expect(problemsOf(doc)[0].message).toMatch(/deeper than 12 levels/);
  });

  it("refuses more than 300 tables", () => {
    const doc = workspace();
    for (let i = 0; i < 301; i++) doc.$defs[`t${i}`] = { type: "object", "x-id": `t_${i}`, properties: {}, additionalProperties: false };
    expectOnlyProblemAt(doc, "/$defs", /304 tables is more than the 300 allowed/);
  });

  it("refuses more than 400 fields in a table", () => {
    const doc = workspace();
    for (let i = 0; i < 400; i++) clients(doc).properties[`f${i}`] = { type: "boolean", "x-id": `f_${i}`, "x-kind": "boolean" };
    expectOnlyProblemAt(doc, "/$defs/clients/properties", /408 fields is more than the 400/);
  });

  it("refuses more than 20 indexes in a table", () => {
    const doc = workspace();
    clients(doc)["x-indexes"] = Array.from({ length: 21 }, (_, i) => ({ "x-id": `ix_${i}`, fields: ["name"] }));
    expectOnlyProblemAt(doc, "/$defs/clients/x-indexes", /21 indexes is more than the 20/);
  });

  it.each(["$ref", "$dynamicRef", "$data"])("refuses %s anywhere", (keyword) => {
    const doc = workspace();
    clients(doc).properties.name[keyword] = "https://example.com/evil.json";
    expectOnlyProblemAt(doc, `/$defs/clients/properties/name/${keyword}`, /remote and dynamic references are not allowed/);
  });
});

describe("meta-schema layer", () => {
  it("requires the 2020-12 $schema", () => {
    const doc = workspace();
    doc.$schema = "http://json-schema.org/draft-07/schema#";
    expectOnlyProblemAt(doc, "/$schema", /must be "https:\/\/json-schema.org\/draft\/2020-12\/schema"/);
  });

  it("requires x-version to be a whole number of at least 0", () => {
    const doc = workspace();
    doc["x-version"] = -1;
    expectOnlyProblemAt(doc, "/x-version", />= 0/);
    doc["x-version"] = 1.5;
    expectOnlyProblemAt(doc, "/x-version", /must be an integer/);
  });

  it("allows no keyword of its own making at the top", () => {
    const doc = workspace();
    doc.definitions = {};
    expectOnlyProblemAt(doc, "/definitions", /"definitions" is not allowed on the workspace schema; remove it or use one of: .*\$defs/);
  });

  it("requires a title on every navigation group", () => {
    const doc = workspace();
    delete doc["x-groups"][1].title;
    expectOnlyProblemAt(doc, "/x-groups/1/title", /"title" is missing; a navigation group needs it/);
  });

  it("allows only additionalProperties: false on a table", () => {
    const doc = workspace();
    clients(doc).additionalProperties = true;
    expectOnlyProblemAt(doc, "/$defs/clients/additionalProperties", /must be false/);
  });

  it("allows no unknown keyword on a table", () => {
    const doc = workspace();
    clients(doc)["x-colour"] = "red";
    expectOnlyProblemAt(doc, "/$defs/clients/x-colour", /"x-colour" is not allowed on a table; remove it or use one of: .*x-title-field/);
  });

  it("requires 1 to 8 distinct fields per index", () => {
    const doc = workspace();
    clients(doc)["x-indexes"][0].fields = [];
    expectOnlyProblemAt(doc, "/$defs/clients/x-indexes/0/fields", /fewer than 1 items/);
    clients(doc)["x-indexes"][0].fields = Array(9).fill("name");
    const problems = problemsOf(doc);
    expectProblem(problems, "/$defs/clients/x-indexes/0/fields", /more than 8 items/);
  });

  it("requires unique names in required", () => {
    const doc = workspace();
    items(doc).required = ["invoice", "description", "invoice"];
    expectOnlyProblemAt(doc, "/$defs/invoice_items/required", /duplicate items/);
  });

  it("allows only the keywords of the field's own kind", () => {
    const doc = workspace();
    clients(doc).properties.name["x-target"] = "clients";
    expectOnlyProblemAt(
      doc,
      "/$defs/clients/properties/name/x-target",
      /"x-target" is not allowed on a text field; remove it or use one of: .*maxLength/,
    );
  });

  it("names an unknown kind once, without one error per kind", () => {
    const doc = workspace();
    clients(doc).properties.phone["x-kind"] = "telephone";
    const problems = expectOnlyProblemAt(
      doc,
      "/$defs/clients/properties/phone/x-kind",
      /"telephone" is not allowed; use one of: "text", .*"phone"/,
    );
    expect(problems).toHaveLength(1);
  });

  it("asks for a missing x-kind", () => {
    const doc = workspace();
    delete clients(doc).properties.phone["x-kind"];
    const problems = expectOnlyProblemAt(doc, "/$defs/clients/properties/phone/x-kind", /"x-kind" is missing/);
    expect(problems).toHaveLength(1);
  });

  it("asks for the keywords a kind requires", () => {
    const doc = workspace();
    delete invoices(doc).properties.client["x-target"];
    expectOnlyProblemAt(doc, "/$defs/invoices/properties/client/x-target", /"x-target" is missing; a relation field needs it/);
  });

  it("requires the JSON type that goes with the kind", () => {
    const doc = workspace();
    clients(doc).properties.name.type = "integer";
    expectOnlyProblemAt(doc, "/$defs/clients/properties/name/type", /must be "string" for a text field/);
  });

  it("reports a document that is not an object", () => {
    expectOnlyProblemAt([], "", /must be an object, not an array/);
  });
});

describe("table and field keys", () => {
  it("refuses a table key outside the key pattern", () => {
    const doc = workspace();
    doc.$defs["Client-List"] = { type: "object", "x-id": "t_other", properties: {}, additionalProperties: false };
    expectOnlyProblemAt(doc, "/$defs/Client-List", /table key "Client-List" is not valid: use lowercase letters/);
  });

  it("refuses a field key outside the key pattern", () => {
    const doc = workspace();
    clients(doc).properties["2fa"] = { type: "boolean", "x-id": "f_2fa", "x-kind": "boolean" };
    expectOnlyProblemAt(doc, "/$defs/clients/properties/2fa", /field key "2fa" is not valid/);
  });

  it("refuses field keys that differ only by case", () => {
    const doc = workspace();
    clients(doc).properties.Name = { type: "string", "x-id": "f_name2", "x-kind": "text" };
    const problems = expectOnlyProblemAt(doc, "/$defs/clients/properties/Name", /differs from "name" only by case/);
    expect(problems.length).toBe(2); // and the key pattern
  });

  it("refuses table keys that differ only by case", () => {
    const doc = workspace();
    doc.$defs.CLIENTS = { type: "object", "x-id": "t_clients2", properties: {}, additionalProperties: false };
    expectOnlyProblemAt(doc, "/$defs/CLIENTS", /differs from "clients" only by case/);
  });

  it.each(["select", "order", "group", "key", "index", "default", "limit", "offset", "values", "user"])(
    "refuses the reserved word %s as a field key",
    (word) => {
      const doc = workspace();
      clients(doc).properties[word] = { type: "string", "x-id": "f_reserved", "x-kind": "text" };
      expectOnlyProblemAt(
        doc,
        `/$defs/clients/properties/${word}`,
        new RegExp(`"${word}" is a reserved word in SQL .*; pick another field key`),
      );
    },
  );

  it("refuses a reserved word as a table key", () => {
    const doc = workspace();
    doc.$defs.table = { type: "object", "x-id": "t_table", properties: {}, additionalProperties: false };
    expectOnlyProblemAt(doc, "/$defs/table", /"table" is a reserved word in SQL .*; pick another table key, e.g. "table_records"/);
  });

  it.each(["id", "version", "created_at", "updated_at", "created_by", "updated_by"])(
    "refuses the system column %s as a field key",
    (column) => {
      const doc = workspace();
      clients(doc).properties[column] = { type: "string", "x-id": "f_system", "x-kind": "text" };
      expectOnlyProblemAt(doc, `/$defs/clients/properties/${column}`, /is a system column every record already has/);
    },
  );

  it("refuses keys starting with crm_", () => {
    const doc = workspace();
    doc.$defs.crm_notes = { type: "object", "x-id": "t_notes", properties: {}, additionalProperties: false };
    clients(doc).properties.crm_flag = { type: "boolean", "x-id": "f_flag", "x-kind": "boolean" };
    const problems = problemsOf(doc);
    expect(problems).toHaveLength(2);
    expectProblem(problems, "/$defs/crm_notes", /starts with "crm_".*pick another table key, e.g. "notes_records"/);
    expectProblem(problems, "/$defs/clients/properties/crm_flag", /starts with "crm_"/);
  });
});

describe("ids", () => {
  it("refuses a field x-id that a table already uses", () => {
    const doc = workspace();
    clients(doc).properties.phone["x-id"] = "t_invoices";
    expectOnlyProblemAt(doc, "/$defs/clients/properties/phone/x-id", /x-id "t_invoices" is already used at \/\$defs\/invoices\/x-id/);
  });

  it("refuses an index x-id that a field already uses", () => {
    const doc = workspace();
    invoices(doc)["x-indexes"][0]["x-id"] = "f_item_price";
    expectOnlyProblemAt(
      doc,
      "/$defs/invoice_items/properties/price/x-id",
      /x-id "f_item_price" is already used at \/\$defs\/invoices\/x-indexes\/0\/x-id/,
    );
  });
});

describe("table references", () => {
  it("refuses a required name that is not a field", () => {
    const doc = workspace();
    clients(doc).required = ["name", "nmae"];
    expectOnlyProblemAt(doc, "/$defs/clients/required/1", /required field "nmae" does not exist in this table \(fields: name, email/);
  });

  it("refuses a title field that does not exist", () => {
    const doc = workspace();
    clients(doc)["x-title-field"] = "title";
    expectOnlyProblemAt(doc, "/$defs/clients/x-title-field", /title field "title" does not exist/);
  });

  it.each(["active", "segment", "owner"])("refuses the non-text field %s as title field", (field) => {
    const doc = workspace();
    clients(doc)["x-title-field"] = field;
    expectOnlyProblemAt(doc, "/$defs/clients/x-title-field", /pick a text-like field .*, an autonumber or a text formula/);
  });

  it("refuses an index on a field that does not exist", () => {
    const doc = workspace();
    clients(doc)["x-indexes"][0].fields = ["name", "mail"];
    expectOnlyProblemAt(doc, "/$defs/clients/x-indexes/0/fields/1", /index field "mail" does not exist/);
  });

  it("refuses an index on a field that cannot be sorted", () => {
    const doc = workspace();
    clients(doc)["x-indexes"][0].fields = ["tags"];
    expectOnlyProblemAt(doc, "/$defs/clients/x-indexes/0/fields/0", /"tags" is a multiselect field, which cannot be sorted or indexed/);
  });

  it("refuses a navigation group that x-groups does not list", () => {
    const doc = workspace();
    clients(doc)["x-group"] = "crm";
    expectOnlyProblemAt(doc, "/$defs/clients/x-group", /navigation group "crm" is not in x-groups \(one of: sales, billing\)/);
  });

  it("refuses a navigation group listed twice", () => {
    const doc = workspace();
    doc["x-groups"].push({ key: "sales", title: "Sales again" });
    expectOnlyProblemAt(doc, "/x-groups/2/key", /listed twice/);
  });
});

describe("relations", () => {
  it("refuses a target that is not a table", () => {
    const doc = workspace();
    invoices(doc).properties.client["x-target"] = "customers";
    expectOnlyProblemAt(
      doc,
      "/$defs/invoices/properties/client/x-target",
      /target table "customers" does not exist; use one of: clients, invoices, invoice_items, crm_users/,
    );
  });

  it("accepts the built-in users table as target", () => {
    const doc = workspace();
    invoices(doc).properties.client["x-target"] = "crm_users";
    delete invoices(doc).properties.client["x-inverse"];
    expect(problemsOf(doc)).toEqual([]);
  });

  describe("x-fill", () => {
    const withFill = (fill: Record<string, string>) => {
      const doc = workspace();
      clients(doc).properties.default_price = { type: "number", "x-id": "f_cli_price", "x-kind": "money", "x-scale": 2 };
      items(doc).properties.client = {
        type: "integer",
        "x-id": "f_item_client",
        "x-kind": "relation",
        "x-target": "clients",
        "x-fill": fill,
      };
      return doc;
    };
    const at = "/$defs/invoice_items/properties/client/x-fill";

    it("accepts filling fields of one kind from the picked record", () => {
      expect(problemsOf(withFill({ price: "default_price", description: "name" }))).toEqual([]);
    });

    it("refuses a field the target lacks, one of another kind, a calculated one and an unknown own field", () => {
      expect(expectOnlyProblemAt(withFill({ price: "missing" }), `${at}/price`, /"clients" has no field "missing"/)).toHaveLength(1);
      expectOnlyProblemAt(withFill({ description: "default_price" }), `${at}/description`, /of different kinds/);
      expectOnlyProblemAt(withFill({ amount: "default_price" }), `${at}/amount`, /"amount" is calculated/);
      expectOnlyProblemAt(withFill({ nowhere: "name" }), `${at}/nowhere`, /"nowhere" is not another field of invoice_items/);
    });
  });

  it("refuses an inverse outside the key pattern", () => {
    const doc = workspace();
    invoices(doc).properties.client["x-inverse"] = "Invoices";
    expectOnlyProblemAt(doc, "/$defs/invoices/properties/client/x-inverse", /related list name "Invoices" is not valid/);
  });

  it("refuses two related lists of the same name on one target", () => {
    const doc = workspace();
    invoices(doc).properties.payer = {
      type: "integer",
      "x-id": "f_inv_payer",
      "x-kind": "relation",
      "x-target": "clients",
      "x-inverse": "invoices",
    };
    expectOnlyProblemAt(
      doc,
      "/$defs/invoices/properties/payer/x-inverse",
      /"clients" already has a related list "invoices" \(from invoices.client\)/,
    );
  });

  it("allows the same inverse name on different targets", () => {
    const doc = workspace();
    invoices(doc).properties.owner = {
      type: "integer",
      "x-id": "f_inv_owner",
      "x-kind": "relation",
      "x-target": "invoices",
      "x-inverse": "invoices",
    };
    expect(problemsOf(doc)).toEqual([]);
  });

  it("refuses an inverse that collides with a field of the target", () => {
    const doc = workspace();
    invoices(doc).properties.client["x-inverse"] = "email";
    expectOnlyProblemAt(doc, "/$defs/invoices/properties/client/x-inverse", /"clients" already has a field "email"/);
  });

  it("requires an inverse on a composition", () => {
    const doc = workspace();
    delete items(doc).properties.invoice["x-inverse"];
    items(doc).properties.amount["x-formula"] = "quantity * price";
    invoices(doc).properties.total["x-formula"] = "paid";
    expectOnlyProblemAt(doc, "/$defs/invoice_items/properties/invoice/x-composition", /a composition needs "x-inverse"/);
  });

  it("requires a composition field to be required", () => {
    const doc = workspace();
    items(doc).required = ["description"];
    expectOnlyProblemAt(
      doc,
      "/$defs/invoice_items/properties/invoice/x-composition",
      /a composition field must be required: add "invoice" to \/\$defs\/invoice_items\/required/,
    );
  });
});

describe("options", () => {
  it("refuses a label for a value that is not an option", () => {
    const doc = workspace();
    clients(doc).properties.segment["x-labels"]["O'Riley"] = "typo";
    expectOnlyProblemAt(doc, "/$defs/clients/properties/segment/x-labels/O'Riley", /label for "O'Riley", which is not one of the options/);
  });

  it("refuses option meta for a value that is not an option", () => {
    const doc = workspace();
    clients(doc).properties.segment["x-option-meta"] = { typo: { probability: 0.5 } };
    expectOnlyProblemAt(
      doc,
      "/$defs/clients/properties/segment/x-option-meta/typo",
      /x-option-meta for "typo", which is not one of the options/,
    );
  });

  it("refuses a win probability outside 0 to 1", () => {
    const doc = workspace();
    const segment = clients(doc).properties.segment;
    segment["x-option-meta"] = { [segment.enum[0]]: { probability: 1.5 } };
    expect(problemsOf(doc).length).toBeGreaterThan(0);
  });

  it("escapes the label key in the pointer", () => {
    const doc = workspace();
    clients(doc).properties.segment["x-labels"]["a/b~c"] = "odd";
    expectOnlyProblemAt(doc, "/$defs/clients/properties/segment/x-labels/a~1b~0c", /label for "a\/b~c"/);
  });

  it("refuses a select default that is not an option", () => {
    const doc = workspace();
    clients(doc).properties.segment.default = "O'Reily";
    const problems = expectOnlyProblemAt(
      doc,
      "/$defs/clients/properties/segment/default",
      /default "O'Reily" is not one of the options; use one of: "Publisher", "O'Reilly"/,
    );
    expect(problems).toHaveLength(1);
  });

  it("refuses a multiselect default with a value that is not an option", () => {
    const doc = workspace();
    clients(doc).properties.tags.default = ["new", "old"];
    expectOnlyProblemAt(doc, "/$defs/clients/properties/tags/default", /default "old" is not one of the options/);
  });
});

describe("money and autonumber", () => {
  it("refuses a currency field that does not exist", () => {
    const doc = workspace();
    invoices(doc).properties.paid["x-currency-field"] = "curr";
    expectOnlyProblemAt(doc, "/$defs/invoices/properties/paid/x-currency-field", /currency field "curr" does not exist/);
  });

  it("refuses a currency field that is neither text nor select", () => {
    const doc = workspace();
    invoices(doc).properties.paid["x-currency-field"] = "issued_on";
    expectOnlyProblemAt(
      doc,
      "/$defs/invoices/properties/paid/x-currency-field",
      /"issued_on" is a date field; it must be a text or select field/,
    );
  });

  it("refuses an assign-when condition on a field that does not exist", () => {
    const doc = workspace();
    invoices(doc).properties.number["x-assign-when"].field = "state";
    expectOnlyProblemAt(doc, "/$defs/invoices/properties/number/x-assign-when/field", /field "state" does not exist in this table/);
  });

  it("refuses a date field that does not exist", () => {
    const doc = workspace();
    invoices(doc).properties.number["x-date-field"] = "issued_at";
    expectOnlyProblemAt(doc, "/$defs/invoices/properties/number/x-date-field", /date field "issued_at" does not exist/);
  });

  it("refuses a date field that is not a date", () => {
    const doc = workspace();
    invoices(doc).properties.number["x-date-field"] = "status";
    expectOnlyProblemAt(doc, "/$defs/invoices/properties/number/x-date-field", /"status" is a select field; .* date or datetime field/);
  });
});

describe("formulas", () => {
  it("refuses a type that does not match the result", () => {
    const doc = workspace();
    invoices(doc).properties.total.type = "string";
    expectOnlyProblemAt(doc, "/$defs/invoices/properties/total/type", /a formula with x-result "money" has type "number", not "string"/);
  });

  it("reports what is wrong in the expression and where", () => {
    const doc = workspace();
    invoices(doc).properties.total["x-formula"] = "sum(items.amout)";
    expectOnlyProblemAt(doc, "/$defs/invoices/properties/total/x-formula", /amout.*at character \d+ of the formula/);
  });

  it("sees the related lists pointing at the table, not others", () => {
    const doc = workspace();
    items(doc).properties.amount["x-formula"] = "sum(invoices.paid)";
    expectOnlyProblemAt(doc, "/$defs/invoice_items/properties/amount/x-formula", /invoices/);
  });

  it("refuses formulas that depend on each other", () => {
    const doc = workspace();
    invoices(doc).properties.total["x-formula"] = "balance + paid";
    expectOnlyProblemAt(doc, "/$defs/invoices/properties/total/x-formula", /formulas depend on each other: total → balance → total/);
  });
});

describe("text patterns", () => {
  const withPattern = (pattern: string) => {
    const doc = workspace();
    clients(doc).properties.vat_number.pattern = pattern;
    delete clients(doc).properties.vat_number.default;
    return doc;
  };
  const path = "/$defs/clients/properties/vat_number/pattern";

  it("refuses a pattern that does not compile", () => {
    expectOnlyProblemAt(withPattern("^[A-Z{2}$"), path, /not a valid regular expression/);
  });

  it("refuses a pattern longer than 500 characters", () => {
    expectOnlyProblemAt(withPattern("a".repeat(501)), path, /at most 500/);
  });

  it("refuses a pattern with nested quantifiers and suggests a simpler one", () => {
    expectOnlyProblemAt(withPattern("^([A-Z]+)+$"), path, /exponential time.*instead of/);
  });

  it("refuses a pattern with overlapping alternatives under a repetition", () => {
    expectOnlyProblemAt(withPattern("^(a|a)*$"), path, /alternatives that can match the same text/);
  });

  it("refuses a pattern with a backreference", () => {
    expectOnlyProblemAt(withPattern("^(\\w)\\1$"), path, /backreference/);
  });
});

describe("defaults", () => {
  it("refuses a default the field itself would refuse", () => {
    const doc = workspace();
    clients(doc).properties.vat_number.default = "de123";
    expectOnlyProblemAt(
      doc,
      "/$defs/clients/properties/vat_number/default",
      /default "de123" is not a valid value for this field \(.*pattern/,
    );
  });

  it("checks the default against the field's own limits", () => {
    const doc = workspace();
    clients(doc).properties.vat_number.maxLength = 5;
    expectOnlyProblemAt(doc, "/$defs/clients/properties/vat_number/default", /more than 5 characters/);
  });
});

describe("many problems at once", () => {
  it("reports every one of them, from both layers", () => {
    const doc = workspace();
    doc.extra = 1;
    clients(doc).properties.order = { type: "string", "x-id": "f_client_name", "x-kind": "text" };
    clients(doc)["x-title-field"] = "nope";
    invoices(doc).properties.client["x-target"] = "customers";
    invoices(doc).properties.paid["x-scale"] = "two";
    items(doc).properties.amount["x-formula"] = "quantity * ";
    const problems = problemsOf(doc);
    expectProblem(problems, "/extra", /not allowed/);
    expectProblem(problems, "/$defs/clients/properties/order", /reserved word/);
    expectProblem(problems, "/$defs/clients/properties/order/x-id", /already used/);
    expectProblem(problems, "/$defs/clients/x-title-field", /does not exist/);
    expectProblem(problems, "/$defs/invoices/properties/client/x-target", /does not exist/);
    expectProblem(problems, "/$defs/invoices/properties/paid/x-scale", /must be an integer/);
    expectProblem(problems, "/$defs/invoice_items/properties/amount/x-formula", /at character/);
    expect(problems).toHaveLength(7);
  });
});

describe("describeProblems", () => {
  it("writes one path: message line per problem", () => {
    const text = describeProblems([
      { path: "/$defs/a", message: "first" },
      { path: "", message: "second" },
    ]);
    expect(text.split("\n")).toEqual(["/$defs/a: first", "/: second"]);
  });
});

describe("robustness", () => {
  it("never throws, whatever JSON it is given, and always explains a refusal", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const result = validateWorkspaceSchema(value);
        if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws when any part of a valid document is replaced by other JSON", () => {
    const targets: ((doc: Doc, v: unknown) => void)[] = [
      (d, v) => (d.$defs = v),
      (d, v) => (d.$defs.clients = v),
      (d, v) => (d.$defs.clients.properties = v),
      (d, v) => (d.$defs.clients.properties.segment = v),
      (d, v) => (d.$defs.clients.properties.segment.enum = v),
      (d, v) => (d.$defs.clients.properties.segment["x-labels"] = v),
      (d, v) => (d.$defs.clients["x-indexes"] = v),
      (d, v) => (d.$defs.clients.required = v),
      (d, v) => (d.$defs.invoices.properties.number["x-assign-when"] = v),
      (d, v) => (d.$defs.invoices.properties.total["x-formula"] = v),
      (d, v) => (d.$defs.invoice_items.properties.invoice["x-target"] = v),
      (d, v) => (d["x-groups"] = v),
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: targets.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (which, value) => {
        const doc = workspace();
        targets[which](doc, value);
        const result = validateWorkspaceSchema(doc);
        if (!result.ok) for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("text formulas as title fields", () => {
  it("accepts a text formula (a contact's full name) as the title field", () => {
    const doc = workspace();
    clients(doc).properties.display = {
      type: "string",
      "x-id": "f_display",
      "x-kind": "formula",
      "x-formula": 'concat(name, " ")',
      "x-result": "text",
    };
    clients(doc)["x-title-field"] = "display";
    const result = validateWorkspaceSchema(doc);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe("money converted from other fields (x-converted-from, x-at-most)", () => {
  const converted = (doc: Doc, from: Record<string, string>) => {
    invoices(doc).properties.received = { type: "number", "x-id": "f_received", "x-kind": "money" };
    invoices(doc).properties.paid["x-converted-from"] = from;
  };

  it("accepts fields of the table and a currency to convert into", () => {
    const doc = workspace();
    converted(doc, { amount: "received", currency: "currency", date: "issued_on" });
    expect(describeProblems(problemsOf(doc))).toEqual("");
  });

  it("names a field the table does not have, and a field converted from itself", () => {
    const doc = workspace();
    converted(doc, { amount: "paid", currency: "currency", date: "paid_on" });
    const problems = problemsOf(doc);
    expectProblem(problems, "/$defs/invoices/properties/paid/x-converted-from/amount", /cannot be converted from itself/);
    expectProblem(problems, "/$defs/invoices/properties/paid/x-converted-from/date", /invoices has no field "paid_on"/);
  });

  it("wants a relation and a field of its target in x-at-most", () => {
    const doc = workspace();
    items(doc).properties.price["x-at-most"] = "invoice.colour";
    expectOnlyProblemAt(doc, "/$defs/invoice_items/properties/price/x-at-most", /invoices has no field "colour"/);
  });
});
