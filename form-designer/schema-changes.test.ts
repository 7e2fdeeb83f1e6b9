import { describe, expect, it } from "vitest";
import { defaultLayout } from "@runtime/layouts/default-layout";
import { compileSchema, requireTable } from "@runtime/schema/compile";
import { elementAt, findControl } from "./paths";
import { dropRemovedFields, followRename } from "./schema-changes";
import { clientsLayout, deepFreeze, fieldId, seed } from "./test-support";

function changed(change: (props: Record<string, unknown>) => Record<string, unknown>) {
  const copy = structuredClone(seed);
  copy.$defs.clients.properties = change(copy.$defs.clients.properties) as typeof copy.$defs.clients.properties;
  copy.$defs.clients.required = copy.$defs.clients.required?.filter((k) => k in copy.$defs.clients.properties);
  const compiled = compileSchema(copy);
  return { compiled, table: requireTable(compiled, "clients") };
}

describe("followRename", () => {
  it("rewrites the scope of a renamed field and says so", () => {
    const { table } = changed((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k === "email" ? "email_address" : k, v])));
    const { layout, notices } = followRename(clientsLayout(), table);
    const at = findControl(layout, fieldId("email"))!;
    expect(elementAt(layout, at)).toMatchObject({ scope: "#/properties/email_address" });
    expect(notices).toEqual([
      {
        path: "/0/0/2/1",
        message: 'The field "email" is now "email_address"; the card follows it',
        words: { key: "formDesigner.notices.renamed", values: { was: "email", now: "email_address" } },
      },
    ]);
  });

  it("changes nothing when no field was renamed", () => {
    const layout = clientsLayout();
    const { table } = changed((p) => p);
    expect(followRename(layout, table)).toEqual({ layout, notices: [] });
  });
});

describe("dropRemovedFields", () => {
  it("drops the cell of a removed field with a notice", () => {
    const { compiled, table } = changed(({ email: _email, ...rest }) => rest);
    const layout = deepFreeze(defaultLayout(requireTable(compileSchema(seed), "clients")));
    const { layout: after, notices } = dropRemovedFields(layout, table, compiled);
    expect(findControl(after, fieldId("email"))).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toMatch(/"email" was removed/);
  });
});
