import { describe, expect, it } from "vitest";
import { definitionProblems } from "@runtime/automation/validate";
import { compileSchema } from "@runtime/schema/compile";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { COLLECT_OVERDUE_INVOICE, DEFAULT_RULES } from "./rules";
import schemaJson from "./schema.json";

const compiled = compileSchema(schemaJson as unknown as WorkspaceSchema, 1);

describe("seeds/rules.ts", () => {
  it.each(DEFAULT_RULES.map((r) => [r.name, r] as const))("%s fits the default schema", (_name, rule) => {
    expect(definitionProblems(rule, compiled)).toEqual([]);
  });

  it("has unique names, and the payment rule closes the tasks of the collections rule", () => {
    const names = DEFAULT_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    const closing = DEFAULT_RULES.flatMap((r) => r.actions).find((a) => a.type === "closeTasks");
    expect(closing).toMatchObject({ rule: COLLECT_OVERDUE_INVOICE, of: "invoice" });
    expect(names).toContain(COLLECT_OVERDUE_INVOICE);
  });
});
