import { describe, expect, it } from "vitest";
import { describeBlockers, describePlan, locateProblem } from "./review";
import { seedSchema } from "./test-schema";
import { assertStillValid, InvalidEditError } from "./shared";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { createTranslator } from "@runtime/i18n/translator";
import { sayError, type Words } from "@runtime/i18n/words";
import { schemaProblem } from "@runtime/schema/problem-words";

describe("describePlan", () => {
  it("keeps each step's sentence and marks the destructive ones", () => {
    const lines = describePlan([
      { op: "add_column", destructive: false, description: "Add field “Region” (Choice) to “Clients”" },
      { op: "drop_column", destructive: true, description: "Keep the old values of “Fax” in the trash" },
    ]);
    expect(lines).toEqual([
      { text: "Add field “Region” (Choice) to “Clients”.", destructive: false },
      { text: "Keep the old values of “Fax” in the trash.", destructive: true },
    ]);
  });

  it("says when nothing changes in the database", () => {
    expect(describePlan([])[0].text).toMatch(/Nothing changes in the database/);
  });
});

describe("describeBlockers", () => {
  it("names the records that would not convert and how to go on", () => {
    const [line] = describeBlockers(
      [
        {
          table: "clients",
          field: "Phone",
          total: 2,
          failures: [
            { id: 4, value: "abc", error: "not a number" },
            { id: 9, value: "x", error: "not a number" },
          ],
        },
      ],
      [],
    );
    expect(line).toBe(
      "2 records of clients would not convert in “Phone” (record #4 “abc”: not a number; record #9 “x”: not a number). Fix or clear those values first, or keep the current kind.",
    );
  });

  it("does not repeat a value the message already quotes", () => {
    const [line] = describeBlockers(
      [{ table: "clients", field: "Postcode", total: 1, failures: [{ id: 1, value: "D11 F2K7", error: '"D11 F2K7" is not a number' }] }],
      [],
    );
    expect(line).toBe(
      '1 record of clients would not convert in “Postcode” (record #1 "D11 F2K7" is not a number). Fix or clear that value first, or keep the current kind.',
    );
  });

  it("lists duplicates that block a unique rule", () => {
    const [line] = describeBlockers([], [{ table: "clients", fields: ["email"], values: [{ value: ["a@b.c"], count: 3 }] }]);
    expect(line).toMatch(/clients\.email cannot be made unique: “a@b\.c” \(3 times\)/);
  });
});

describe("locateProblem", () => {
  it("places a field's problem on that field, by its label", () => {
    const place = locateProblem(seedSchema(), {
      path: "/$defs/clients/properties/phone/pattern",
      message: "is not a safe pattern; simplify it",
    });
    expect(place).toEqual({
      table: "clients",
      field: "phone",
      text: "Field “Phone” of Clients (setting pattern): is not a safe pattern; simplify it",
    });
  });

  it("places a table's problem on the table and the rest nowhere", () => {
    expect(locateProblem(seedSchema(), { path: "/$defs/events/x-indexes", message: "too many indexes" })).toEqual({
      table: "events",
      text: "Table Events (x-indexes): too many indexes",
    });
    expect(locateProblem(seedSchema(), { path: "/x-groups/0", message: "must have a title" })).toEqual({ text: "it must have a title" });
  });
});

describe("a validator's problem in the admin's language", () => {
  const sv: Words = createTranslator(languagePack("sv")).t;

  it("is placed and said from its phrase, not its English message", () => {
    const problem = schemaProblem("/$defs/clients/x-title-field", "titleMissing", { name: "nickname", fields: "name, email" });
    expect(problem.message).toBe('title field "nickname" does not exist in this table (fields: name, email)');
    const place = locateProblem(seedSchema(), problem, sv);
    expect(place.table).toBe("clients");
    expect(place.text).toContain('titelfältet "nickname" finns inte i tabellen (fält: name, email)');
  });

  it("is said by a form when an edit would make the schema invalid", () => {
    const before = seedSchema();
    const after = structuredClone(before);
    after.$defs.clients["x-title-field"] = "nickname";
    let thrown: unknown;
    try {
      assertStillValid(before, after, "changing the title field");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidEditError);
    expect((thrown as Error).message).toMatch(
      /^changing the title field would make the schema invalid:\n\/\$defs\/clients\/x-title-field: /,
    );
    expect(sayError(thrown, sv)).toMatch(/^Ändringen skulle göra schemat ogiltigt: titelfältet "nickname" finns inte i tabellen/);
  });
});
