import { describe, expect, it } from "vitest";
import { validateWorkspaceSchema } from "@runtime/schema/validate-workspace";
import { newNavigationGroup } from "./navigation-groups";
import { setGroup } from "./table-operations";
import { seedSchema as testSchema } from "./test-schema";

describe("newNavigationGroup", () => {
  it("makes a valid key from the title and keeps the title as typed", () => {
    expect(newNavigationGroup(testSchema(), "  After-sales Ü ")).toEqual({ key: "after_sales_u", title: "After-sales Ü" });
    expect(newNavigationGroup(testSchema(), "2026 projects").key).toBe("projects");
    expect(newNavigationGroup(testSchema(), "€€€").key).toBe("group");
  });

  it("numbers a key that is taken", () => {
    const schema = { ...testSchema(), "x-groups": [{ key: "support", title: "Support" }] };
    expect(newNavigationGroup(schema, "Support").key).toBe("support_2");
  });

  it("refuses an empty title", () => {
    expect(() => newNavigationGroup(testSchema(), "  ")).toThrow(/name the new group/);
  });

  it("gives a group setGroup accepts, leaving a valid workspace", () => {
    const schema = testSchema();
    const table = Object.keys(schema.$defs)[0];
    const next = setGroup(schema, table, newNavigationGroup(schema, "Field service"));
    expect(next["x-groups"]?.at(-1)).toEqual({ key: "field_service", title: "Field service" });
    expect(next.$defs[table]["x-group"]).toBe("field_service");
    expect(validateWorkspaceSchema(next).ok).toBe(true);
  });
});
