import { describe, expect, it } from "vitest";
import { smallWorkspace } from "@tests/integration/workspace-schema";
import { compileSchema } from "../schema/compile";
import { getRecordValidator, validateValues } from "./validation";

describe("the validator cache", () => {
  const compiled = compileSchema(smallWorkspace(), 1);
  const clients = compiled.tablesByKey.get("clients")!;
  const lines = compiled.tablesByKey.get("invoice_items")!;

  it("keeps one validator per table, mode and parent field", () => {
    const create = getRecordValidator(compiled, clients, "create");
    expect(getRecordValidator(compiled, clients, "create")).toBe(create);
    expect(getRecordValidator(compiled, clients, "update")).not.toBe(create);
    expect(getRecordValidator(compiled, lines, "create")).not.toBe(create);
    const line = getRecordValidator(compiled, lines, "child", "invoice");
    expect(getRecordValidator(compiled, lines, "child", "invoice")).toBe(line);
    expect(getRecordValidator(compiled, lines, "child")).not.toBe(line);
  });

  it("answers for the table asked, when tables take turns", () => {
    for (let i = 0; i < 3; i++) {
      expect(validateValues(compiled, clients, { name: "Ann" }, "create")).toEqual({});
      expect(validateValues(compiled, lines, { price: 5 }, "create")).toEqual({ invoice: "Invoice is required" });
      expect(validateValues(compiled, lines, { price: 5 }, "child", "invoice")).toEqual({});
      expect(validateValues(compiled, clients, { code: "A" }, "update")).toEqual({ name: "Name is required" });
      expect(validateValues(compiled, clients, { name: null }, "create")).toEqual({ name: "Name is required" });
    }
  });

  it("checks a new version of the schema with its own rules", () => {
    const workspace = smallWorkspace();
    const code = (workspace.$defs.clients.properties as Record<string, { maxLength?: number }>).code;
    code.maxLength = 40;
    const next = compileSchema(workspace, 2);
    const long = { name: "Ann", code: "C".repeat(30) };
    expect(validateValues(compiled, clients, long, "create")).toEqual({ code: "Code is too long: at most 20 characters" });
    expect(validateValues(next, next.tablesByKey.get("clients")!, long, "create")).toEqual({});
    expect(validateValues(compiled, clients, long, "create")).toEqual({ code: "Code is too long: at most 20 characters" });
  });
});
