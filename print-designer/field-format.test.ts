import { describe, expect, it } from "vitest";
import { expressionFor, formatOf } from "./field-format";
import { fieldPathOptions } from "./field-paths";
import { defaultCompiled } from "./test-support";

describe("Field chip formats", () => {
  const o = fieldPathOptions(defaultCompiled, "invoices");
  it("exports each format with its filter and reads it back", () => {
    expect(expressionFor("record.total", "auto", o)).toBe("record.total | money");
    expect(expressionFor("record.total", "words", o)).toBe("record.total | amount_in_words");
    expect(expressionFor("record.due_date", "long", o)).toBe('record.due_date | date: "long"');
    expect(expressionFor("record.due_date", "plain", o)).toBe("record.due_date");
    for (const f of ["auto", "words", "long", "plain"] as const)
      expect(formatOf(expressionFor("record.due_date", f, o), o)).toBe(f === "auto" ? "auto" : f);
    expect(formatOf('record.number | default: "—"', o)).toBe("custom");
  });
});
