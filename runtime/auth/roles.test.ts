import { describe, expect, it } from "vitest";
import { BUILTIN_ROLES, tableRights, withTableRights, type TableRights } from "./roles";

const writes: TableRights = { read: true, create: true, update: true, delete: true, print: true, scope: "all" };
const accountant = BUILTIN_ROLES.find((r) => r.key === "accountant")!;

describe("built-in roles", () => {
  it("name no table of any configuration: only the rights for every table", () => {
    expect(BUILTIN_ROLES.map((r) => [r.key, Object.keys(r.tables)])).toEqual([
      ["admin", ["*"]],
      ["staff", ["*"]],
      ["accountant", ["*"]],
    ]);
    expect(tableRights(accountant, "t_anything")).toMatchObject({ read: true, print: true, create: false, update: false });
  });
});

describe("withTableRights", () => {
  it("adds rights for the tables a role does not name, keeping those it names", () => {
    const mine = withTableRights(accountant, { t_invoices: writes });
    const readOnly = tableRights(accountant, "t_invoices");
    expect(withTableRights(mine, { t_invoices: readOnly, t_payments: writes }).tables).toEqual({
      "*": readOnly,
      t_invoices: writes,
      t_payments: writes,
    });
  });

  it("answers the same role when there is nothing to add", () => {
    const mine = withTableRights(accountant, { t_invoices: writes });
    expect(withTableRights(mine, { t_invoices: { ...writes, delete: false } })).toBe(mine);
    expect(accountant.tables).toEqual({ "*": tableRights(accountant, "*") });
  });
});
