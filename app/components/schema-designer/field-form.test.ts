import { describe, expect, it } from "vitest";
import { addField } from "@schema-designer/field-operations";
import { seedSchema } from "@schema-designer/test-schema";
import {
  emptyFieldForm,
  formatChoices,
  formFromField,
  formulaProblem,
  keyFromLabel,
  newFieldKeyProblem,
  optionsFromForm,
  parseChoices,
  tableKeyFromLabels,
} from "./field-form";

describe("keyFromLabel", () => {
  it("proposes a valid key from a label", () => {
    expect(keyFromLabel("Mobile phone")).toBe("mobile_phone");
    expect(keyFromLabel("Größe (cm)")).toBe("grosse_cm");
    expect(keyFromLabel("2nd line")).toBe("f_2nd_line");
    expect(keyFromLabel("—")).toBe("");
  });
});

describe("choices", () => {
  it("reads one choice a line, with an optional value", () => {
    expect(parseChoices("North\n\n eu = Europe \nNorth")).toEqual({ values: ["north", "eu"], labels: { north: "North", eu: "Europe" } });
    expect(formatChoices(["north", "eu"], { north: "North", eu: "Europe" })).toBe("North\neu = Europe");
  });
});

describe("optionsFromForm", () => {
  it("builds a select field's options that addField accepts", () => {
    const outcome = optionsFromForm({
      ...emptyFieldForm("select"),
      title: "Region",
      key: "region",
      choices: "North\nSouth",
      defaultText: "North",
      indexed: true,
    });
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
    const outcome = optionsFromForm({ ...emptyFieldForm("boolean"), unique: true, searchable: true, scale: "x" });
    expect(outcome).toEqual({ ok: true, options: { description: undefined, default: undefined } });
    expect(optionsFromForm({ ...emptyFieldForm("money"), scale: "x", currency: "eu" })).toEqual({
      ok: false,
      errors: { scale: expect.stringMatching(/whole number/), currency: expect.stringMatching(/three-letter/) },
    });
    expect(optionsFromForm({ ...emptyFieldForm("relation") })).toMatchObject({ ok: false, errors: { target: expect.any(String) } });
    expect(optionsFromForm({ ...emptyFieldForm("integer"), defaultText: "abc" })).toMatchObject({
      ok: false,
      errors: { defaultText: expect.stringMatching(/not valid/) },
    });
  });

  it("round-trips an existing field through the form", () => {
    const def = seedSchema().$defs.clients.properties.status;
    const form = formFromField("status", def, true);
    expect(form).toMatchObject({ kind: "select", title: "Status", required: true });
    const outcome = optionsFromForm(form);
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

describe("formulaProblem", () => {
  const formula = (text: string) => ({ ...emptyFieldForm("formula"), formula: text });
  it("stops a formula the checker rejects", () => {
    expect(formulaProblem(formula("postcde * 2"), seedSchema(), "clients")).toBe("Fix the problem in the formula shown above first");
  });
  it("lets a valid formula, an empty one (asked for elsewhere) and other kinds through", () => {
    expect(formulaProblem(formula("len(postcode) * 2"), seedSchema(), "clients")).toBeUndefined();
    expect(formulaProblem(formula(""), seedSchema(), "clients")).toBeUndefined();
    expect(formulaProblem({ ...emptyFieldForm("text"), formula: "nonsense(" }, seedSchema(), "clients")).toBeUndefined();
  });
});
