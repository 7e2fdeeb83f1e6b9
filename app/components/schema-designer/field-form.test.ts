import { describe, expect, it } from "vitest";
import { addField } from "@schema-designer/field-operations";
import { seedSchema } from "@schema-designer/test-schema";
import { emptyFieldForm, formFromField, newFieldKeyProblem, optionsFromForm, tableKeyFromLabels, withKind } from "./field-form";

const place = { schema: seedSchema(), table: "clients" };

describe("optionsFromForm", () => {
  it("builds a select field's options that addField accepts", () => {
    const outcome = optionsFromForm(
      {
        ...emptyFieldForm("select"),
        title: "Region",
        key: "region",
        settings: { choices: "North\nSouth" },
        defaultText: "North",
        indexed: true,
      },
      place,
    );
    expect(outcome).toEqual({
      ok: true,
      options: {
        description: undefined,
        "x-indexed": true,
        enum: ["north", "south"],
        "x-labels": { north: "North", south: "South" },
        default: "north",
      },
    });
    if (!outcome.ok) return;
    const s = addField(seedSchema(), "clients", { key: "region", kind: "select", title: "Region", options: outcome.options });
    expect(s.$defs.clients.properties.region).toMatchObject({ enum: ["north", "south"], default: "north", "x-indexed": true });
  });

  it("leaves out what the kind does not allow and keys errors by input", () => {
    const outcome = optionsFromForm({ ...emptyFieldForm("boolean"), unique: true, searchable: true, scale: "x" }, place);
    expect(outcome).toEqual({ ok: true, options: { description: undefined, default: undefined } });
    expect(optionsFromForm({ ...emptyFieldForm("money"), scale: "x", currency: "eu" }, place)).toEqual({
      ok: false,
      errors: { scale: expect.stringMatching(/whole number/), currency: expect.stringMatching(/three-letter/) },
    });
    expect(optionsFromForm({ ...emptyFieldForm("relation") }, place)).toMatchObject({ ok: false, errors: { target: expect.any(String) } });
    expect(optionsFromForm({ ...emptyFieldForm("integer"), defaultText: "abc" }, place)).toMatchObject({
      ok: false,
      errors: { defaultText: expect.stringMatching(/not valid/) },
    });
  });

  it("round-trips an existing field through the form", () => {
    const def = seedSchema().$defs.clients.properties.status;
    const form = formFromField("status", def, true);
    expect(form).toMatchObject({ kind: "select", title: "Status", required: true });
    const outcome = optionsFromForm(form, place);
    expect(outcome.ok && outcome.options.enum).toEqual(def.enum);
    expect(outcome.ok && outcome.options["x-labels"]).toEqual(def["x-labels"]);
  });
});

describe("tableKeyFromLabels", () => {
  it("takes the plural the admin typed, not the name of one record with an s", () => {
    expect(tableKeyFromLabels("Opportunity", "Opportunities")).toBe("opportunities");
    expect(tableKeyFromLabels("Person", "People")).toBe("people");
  });
  it("guesses an English plural while no plural is typed", () => {
    expect(tableKeyFromLabels("Project", "")).toBe("projects");
    expect(tableKeyFromLabels("Opportunity", " ")).toBe("opportunities");
    expect(tableKeyFromLabels("Day", "")).toBe("days");
    expect(tableKeyFromLabels("Box", "")).toBe("boxes");
    expect(tableKeyFromLabels("", "")).toBe("");
  });
});

describe("newFieldKeyProblem", () => {
  it("says which field already has the key, whatever its case", () => {
    expect(newFieldKeyProblem(seedSchema(), "clients", "email")).toBe(
      'Table "clients" already has a field "email"; pick another field key',
    );
    expect(newFieldKeyProblem(seedSchema(), "clients", "region")).toBeUndefined();
  });
  it("asks for a key, and a valid one", () => {
    expect(newFieldKeyProblem(seedSchema(), "clients", "")).toMatch(/^Give the field a key/);
    expect(newFieldKeyProblem(seedSchema(), "clients", "Bad key")).toMatch(/is not valid: use lowercase letters/);
  });
});

describe("a formula's settings", () => {
  const formula = (text: string) => ({ ...emptyFieldForm("formula"), settings: { formula: text, result: "decimal" } });
  it("stop a formula the checker rejects, beside the expression", () => {
    expect(optionsFromForm(formula("postcde * 2"), place)).toEqual({
      ok: false,
      errors: { formula: "Fix the problem in the formula shown above first" },
    });
  });
  it("let a valid formula through, ask for an empty one, and mean nothing to other kinds", () => {
    expect(optionsFromForm(formula("len(postcode) * 2"), place)).toMatchObject({
      ok: true,
      options: { "x-formula": "len(postcode) * 2", "x-result": "decimal" },
    });
    expect(optionsFromForm(formula(""), place)).toMatchObject({
      ok: false,
      errors: { formula: expect.stringMatching(/^Write the expression/) },
    });
    expect(optionsFromForm({ ...emptyFieldForm("text"), settings: { formula: "nonsense(" } }, place)).toMatchObject({ ok: true });
  });
});

describe("withKind", () => {
  it("keeps what the field has for the new kind and starts the new kind's own settings", () => {
    const status = formFromField("status", seedSchema().$defs.clients.properties.status, false);
    const multiple = withKind(status, "multiselect");
    const outcome = optionsFromForm(multiple, place);
    expect(outcome.ok && outcome.options.items).toEqual({ type: "string", enum: seedSchema().$defs.clients.properties.status.enum });
    expect(withKind(emptyFieldForm("text"), "formula").settings).toMatchObject({ formula: "", result: "decimal" });
  });
});
