import { compileSchema } from "../schema/compile";
import { addDays, isTruthyText, renderValue, templateSyntaxError } from "./liquid";
import { automationWorkspace } from "./test-workspace";

const settings = { compiled: compileSchema(automationWorkspace(), 1), table: "invoices" };

describe("the rules' Liquid", () => {
  it("renders values, not HTML: nothing is escaped", () => {
    expect(renderValue("Call {{ record.name }}", { record: { name: `O'Brien <& Sons>` } }, settings)).toBe(`Call O'Brien <& Sons>`);
  });

  it("has Tessera's print filters and date arithmetic", () => {
    const scope = { record: { total: 1234.5, status: "issued", due_date: "2026-12-04" }, now: "2026-12-04T09:30:00.000Z" };
    expect(renderValue("{{ record.total | money: 'EUR' }}", scope, settings)).toMatch(/1,234\.50/);
    expect(renderValue("{{ record.status | label }}", scope, settings)).toBe("issued");
    expect(renderValue("{{ record.due_date | add_days: 1 }}", scope, settings)).toBe("2026-12-05");
    expect(renderValue("{{ record.due_date | add_days: -30 }}", scope, settings)).toBe("2026-11-04");
    expect(renderValue("{{ now | add_hours: 4 }}", scope, settings)).toBe("2026-12-04T13:30:00.000Z");
    expect(renderValue("{{ now | add_minutes: 30 }}", scope, settings)).toBe("2026-12-04T10:00:00.000Z");
    expect(addDays("not a date", 1)).toBe("");
  });

  it("reports a syntax error, and knows what `when` takes for yes", () => {
    expect(templateSyntaxError("{{ record.name ")).toMatch(/not closed|output/i);
    expect(templateSyntaxError("{% if a %}x{% endif %}")).toBeNull();
    expect(["yes", "true", "1", " x "].every(isTruthyText)).toBe(true);
    expect(["", " ", "false", "No", "0"].some(isTruthyText)).toBe(false);
  });

  it("never reaches the prototype or the file system", () => {
    expect(renderValue("{{ record.constructor }}{{ record.__proto__ }}", { record: {} }, settings)).toBe("");
    expect(() => renderValue("{% include 'secret' %}", { record: {} }, settings)).toThrow();
  });
});
