import { describe, expect, it } from "vitest";
import { fieldName, rightName, roleFromForm, type MatrixTable } from "./role-form";

const tables: MatrixTable[] = [
  {
    id: "t_clients",
    label: "Clients",
    fields: [
      { id: "f_name", label: "Name" },
      { id: "f_vat", label: "VAT" },
    ],
  },
];

function form(values: Record<string, string>) {
  return { get: (name: string) => values[name] ?? null };
}

describe("roleFromForm", () => {
  it("turns ticked boxes into rights and unticked ones into no", () => {
    const role = roleFromForm(
      form({
        [rightName("t_clients", "read")]: "on",
        [rightName("t_clients", "update")]: "on",
        [rightName("t_clients", "scope")]: "own",
        [rightName("*", "read")]: "on",
      }),
      { key: "sales", name: "Sales", admin: false },
      tables,
    );
    expect(role.tables.t_clients).toEqual({ read: true, create: false, update: true, delete: false, print: false, scope: "own" });
    expect(role.tables["*"]).toMatchObject({ read: true, create: false, scope: "all" });
    expect(role).toMatchObject({ key: "sales", name: "Sales", admin: false });
  });
  it("keeps hidden and read-only fields and drops 'write'", () => {
    const role = roleFromForm(
      form({ [fieldName("t_clients", "f_vat")]: "hidden", [fieldName("t_clients", "f_name")]: "write" }),
      { key: "x", name: "X", admin: false },
      tables,
    );
    expect(role.tables.t_clients.fields).toEqual({ f_vat: "hidden" });
  });
});
