import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { panelLimit, panelProblem, shownTo, type HomePanel } from "./panels";

const compiled = compileSchema({
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $defs: {
    bills: {
      type: "object",
      "x-id": "t_bills",
      title: "Bill",
      "x-plural": "Bills",
      properties: {
        number: { type: "string", "x-id": "f_number", "x-kind": "text", title: "Number" },
        due: { type: "string", "x-id": "f_due", "x-kind": "date", title: "Due" },
        open: { type: "number", "x-id": "f_open", "x-kind": "money", title: "Open" },
      },
    },
  },
} as WorkspaceSchema);

const aging = (date: string, amount: string): HomePanel => ({ id: "a", kind: "aging", title: "Aging", table: "bills", date, amount });

describe("which panels fit the schema", () => {
  it("accepts panels whose table and fields are there and fit", () => {
    expect(panelProblem(aging("due", "open"), compiled)).toBeNull();
    expect(
      panelProblem({ id: "l", kind: "list", title: "L", table: "bills", columns: ["id", "number"], sort: "-due" }, compiled),
    ).toBeNull();
    expect(panelProblem({ id: "r", kind: "recent", title: "Recent" }, compiled)).toBeNull();
  });

  it("names what is gone or no longer fits", () => {
    expect(panelProblem({ id: "l", kind: "list", title: "L", table: "deals", columns: ["title"] }, compiled)).toBe(
      'the table "deals" is gone',
    );
    expect(panelProblem({ id: "l", kind: "list", title: "L", table: "bills", columns: ["number", "client"] }, compiled)).toBe(
      'Bills have no field "client"',
    );
    expect(panelProblem({ id: "l", kind: "list", title: "L", table: "bills", columns: [] }, compiled)).toBe("it names no column");
    expect(panelProblem(aging("number", "open"), compiled)).toBe('"number" of Bills is not a date field');
    expect(panelProblem(aging("due", "number"), compiled)).toBe('"number" of Bills is not a number field');
    expect(panelProblem({ id: "x", kind: "chart", title: "X" } as unknown as HomePanel, compiled)).toMatch(
      /^its kind "chart" is not one of list, /,
    );
    expect(
      panelProblem({ id: "l", kind: "list", title: "L", table: "bills", columns: ["number"], sort: 3 } as unknown as HomePanel, compiled),
    ).toBe("its sort is not a field key");
  });

  it("shows a panel to the roles it names, or to all, and bounds its rows", () => {
    expect(shownTo({ id: "r", kind: "recent", title: "R" }, "staff")).toBe(true);
    expect(shownTo({ id: "r", kind: "recent", title: "R", roles: ["admin"] }, "staff")).toBe(false);
    expect([panelLimit(undefined), panelLimit(3), panelLimit(1000), panelLimit(-1), panelLimit(2.5)]).toEqual([8, 3, 50, 8, 8]);
  });
});
