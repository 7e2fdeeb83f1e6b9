import { describe, expect, it } from "vitest";
import seedSchema from "@seeds/schema.json";
import { compileSchema, requireTable } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { defaultLayout } from "./default-layout";
import { isCardLayout, layoutShapeProblems } from "./layout-schema";
import { layoutControls, layoutFieldProblems, resolveLayout } from "./resolve-layout";
import type { CardLayout, ControlElement, HorizontalLayoutElement } from "./types";

const schema = seedSchema as unknown as WorkspaceSchema;
const compiled = compileSchema(schema);

function renamed(table: string, from: string, to: string) {
  const copy = structuredClone(schema);
  const props = copy.$defs[table].properties;
  copy.$defs[table].properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k === from ? to : k, v]));
  return compileSchema(copy);
}

function removed(table: string, key: string) {
  const copy = structuredClone(schema);
  delete copy.$defs[table].properties[key];
  copy.$defs[table].required = copy.$defs[table].required?.filter((k) => k !== key);
  return compileSchema(copy);
}

describe("defaultLayout", () => {
  it("places every field of every table exactly once and passes its own schema", () => {
    for (const table of compiled.tables) {
      const layout = defaultLayout(table);
      expect(layoutShapeProblems(layout)).toEqual([]);
      const { unplaced, notices } = resolveLayout(layout, table, compiled);
      const parentField = table.parent?.field;
      expect(unplaced.map((f) => f.key)).toEqual(parentField ? [parentField] : []);
      expect(notices).toEqual([]);
    }
  });

  it("starts with the title field, pairs short fields and gives long text a full row", () => {
    const clients = requireTable(compiled, "clients");
    const layout = defaultLayout(clients);
    expect(layout.type).toBe("Categorization");
    const controls = layoutControls(layout);
    expect(controls[0].scope).toBe("#/properties/name");
    const details = layout.type === "Categorization" ? layout.elements[0].elements[0] : null;
    const rows = (details && "elements" in details ? details.elements : []) as HorizontalLayoutElement[];
    expect(rows[0].elements).toHaveLength(2);
    const notesRow = rows.find((r) => r.elements.some((c) => (c as ControlElement).scope === "#/properties/notes"))!;
    expect(notesRow.elements).toHaveLength(1);
    expect((notesRow.elements[0] as ControlElement).options?.width).toBe(12);
  });

  it("shows composition lines on the main page and other tables' lists as tabs", () => {
    const invoices = requireTable(compiled, "invoices");
    const layout = defaultLayout(invoices);
    expect(layout.type).toBe("Categorization");
    if (layout.type !== "Categorization") return;
    expect(layout.elements[0].elements.some((e) => e.type === "RelatedList" && e.list === "items")).toBe(true);
    expect(layout.elements.slice(1).map((c) => c.elements[0])).toContainEqual({ type: "RelatedList", list: "payments" });
  });

  it("uses a single page for a table nothing points at", () => {
    expect(defaultLayout(requireTable(compiled, "company")).type).toBe("VerticalLayout");
  });
});

describe("layout schema", () => {
  it("refuses an unknown element type and a width beyond the grid, with paths", () => {
    const bad = {
      type: "VerticalLayout",
      elements: [{ type: "Control", scope: "#/properties/name", "x-field": "f", options: { width: 13 } }, { type: "Widget" }],
    };
    const problems = layoutShapeProblems(bad);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(["/elements/0/options/width", "/elements/1/type"]));
    expect(isCardLayout(bad)).toBe(false);
  });

  it("accepts tabs with sections, rows, notes and separators", () => {
    const good: CardLayout = {
      type: "Categorization",
      elements: [
        {
          type: "Category",
          label: "Main",
          elements: [
            {
              type: "Group",
              label: "Who",
              elements: [
                { type: "HorizontalLayout", elements: [{ type: "Control", scope: "#/properties/name", "x-field": "f_clients_name" }] },
              ],
            },
            { type: "Separator" },
            { type: "Note", text: "Ask for the tax id" },
          ],
        },
      ],
    };
    expect(layoutShapeProblems(good)).toEqual([]);
  });
});

describe("resolveLayout", () => {
  const clients = requireTable(compiled, "clients");
  const layout: CardLayout = {
    type: "VerticalLayout",
    elements: [
      {
        type: "HorizontalLayout",
        elements: [
          { type: "Control", scope: "#/properties/name", "x-field": "f_clients_name", options: { width: 8 } },
          { type: "Control", scope: "#/properties/email", "x-field": "f_clients_email" },
        ],
      },
      { type: "RelatedList", list: "contacts" },
    ],
  };

  it("follows a renamed field by its id", () => {
    const after = requireTable(renamed("clients", "email", "e_mail"), "clients");
    const { layout: resolved, notices } = resolveLayout(layout, after);
    expect(notices).toEqual([]);
    expect(layoutControls(resolved).map((c) => c.scope)).toEqual(["#/properties/name", "#/properties/e_mail"]);
    expect(layoutControls(resolved)[0].options?.width).toBe(8);
  });

  it("drops the cell of a removed field and says so", () => {
    const after = requireTable(removed("clients", "email"), "clients");
    const { layout: resolved, notices } = resolveLayout(layout, after);
    expect(layoutControls(resolved).map((c) => c["x-field"])).toEqual(["f_clients_name"]);
    expect(notices).toHaveLength(1);
    expect(notices[0].path).toBe("/elements/0/elements/1");
    expect(notices[0].message).toMatch(/email/);
  });

  it("lists the fields the layout does not place", () => {
    const { unplaced } = resolveLayout(layout, clients);
    expect(unplaced.map((f) => f.key)).toContain("phone");
    expect(unplaced.map((f) => f.key)).not.toContain("name");
  });

  it("refuses, for saving, controls and lists that do not exist", () => {
    const broken: CardLayout = {
      type: "VerticalLayout",
      elements: [
        { type: "Control", scope: "#/properties/x", "x-field": "f_nope" },
        { type: "RelatedList", list: "nothing" },
      ],
    };
    expect(layoutFieldProblems(broken, clients).map((p) => p.path)).toEqual(["/elements/0/x-field", "/elements/1/list"]);
    expect(layoutFieldProblems(layout, clients)).toEqual([]);
  });

  it("refuses related-list columns that are not fields of the child table", () => {
    const table = requireTable(compiled, "clients");
    const list = table.lists[0];
    const child = requireTable(compiled, list.table);
    const columns = [child.fields[0].id, "f_missing"];
    const withList: CardLayout = { type: "VerticalLayout", elements: [{ type: "RelatedList", list: list.name, columns }] };
    expect(layoutFieldProblems(withList, table, compiled)).toEqual([
      {
        path: "/elements/0/columns/1",
        message: `${child.pluralLabel} have no field with id "f_missing" to show as a column`,
        words: { key: "formDesigner.notices.noColumn", values: { table: child.pluralLabel, id: "f_missing" } },
      },
    ]);
    // Without the workspace the child table is unknown: only lists and controls are checked.
    expect(layoutFieldProblems(withList, table)).toEqual([]);
  });
});
