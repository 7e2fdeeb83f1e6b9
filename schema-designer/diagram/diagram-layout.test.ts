import fc from "fast-check";
import { describe, expect, it } from "vitest";
import seedSchema from "@seeds/schema.json";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { layersOf, layoutDiagram, type DiagramBox } from "./diagram-layout";
import { diagramModel, type DiagramModel } from "./diagram-model";

const overlap = (a: DiagramBox, b: DiagramBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectSoundLayout(model: DiagramModel) {
  const layout = layoutDiagram(model);
  expect(layout.boxes.map((b) => b.table.key)).toEqual(model.tables.map((t) => t.key));
  for (let i = 0; i < layout.boxes.length; i++)
    for (let j = i + 1; j < layout.boxes.length; j++)
      expect(overlap(layout.boxes[i], layout.boxes[j]), `${layout.boxes[i].table.key} overlaps ${layout.boxes[j].table.key}`).toBe(false);
  for (const b of layout.boxes) {
    expect(b.x + b.width).toBeLessThanOrEqual(layout.width);
    expect(b.y + b.height).toBeLessThanOrEqual(layout.height);
  }
  // Every relation is drawn once, from its own box to its target's box.
  expect(layout.edges.map((e) => e.relation)).toEqual(model.relations);
  const boxOf = new Map(layout.boxes.map((b) => [b.table.key, b]));
  for (const e of layout.edges) {
    const from = boxOf.get(e.relation.from)!;
    const to = boxOf.get(e.relation.to)!;
    expect([from.x, from.x + from.width]).toContain(e.from.x);
    expect(e.from.y).toBeGreaterThan(from.y);
    expect(e.from.y).toBeLessThan(from.y + from.height);
    expect([to.x, to.x + to.width]).toContain(e.to.x);
    // Arrows point at the table (its header), never at one of its fields.
    expect(e.to.y).toBeGreaterThanOrEqual(to.y);
    expect(e.to.y).toBeLessThanOrEqual(to.y + 32);
    expect(e.path.startsWith(`M ${e.from.x} ${e.from.y} C`)).toBe(true);
    expect(e.path.endsWith(`${e.to.x} ${e.to.y}`)).toBe(true);
  }
  return layout;
}

describe("the schema diagram", () => {
  const seed = diagramModel(seedSchema as unknown as WorkspaceSchema);

  it("models every table, the built-in users, and one relation per relation field", () => {
    expect(seed.tables.map((t) => t.key)).toEqual([...Object.keys(seedSchema.$defs), "crm_users"]);
    expect(seed.relations).toContainEqual({
      from: "invoice_items",
      field: "invoice",
      fieldLabel: "Invoice",
      to: "invoices",
      composition: true,
    });
    expect(seed.relations.filter((r) => r.to === "crm_users").map((r) => `${r.from}.${r.field}`)).toEqual([
      "clients.manager",
      "events.assignee",
      "tasks.assignee",
      "leads.owner",
      "deals.owner",
      "cases.owner",
      "contracts.manager",
    ]);
  });

  it("puts each table right of what it points at", () => {
    const layers = layersOf(seed);
    for (const r of seed.relations)
      if (r.from !== r.to) expect(layers.get(r.from)!, `${r.from} → ${r.to}`).toBeGreaterThan(layers.get(r.to)!);
    expect(layers.get("product_categories")).toBe(0);
    expect(layers.get("invoice_items")).toBeGreaterThan(layers.get("invoices")!);
  });

  it("keeps tables nothing relates to at the end of the first column", () => {
    const first = layoutDiagram(seed)
      .boxes.filter((b) => b.layer === 0)
      .sort((a, b) => a.y - b.y);
    expect(first.at(-1)!.table.key).toBe("company");
  });

  it("lays the seeded tables out without overlaps and draws every relation", () => {
    const layout = expectSoundLayout(seed);
    // Readable on a screen: a handful of columns, not one long row.
    expect(new Set(layout.boxes.map((b) => b.layer)).size).toBeLessThanOrEqual(6);
  });

  it("draws self-relations and cycles as loops, without overlaps, for any schema", () => {
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    const arbitraryModel = fc
      .record({
        tables: fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: names.length }),
        fieldCounts: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: names.length, maxLength: names.length }),
        links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 14 }),
      })
      .map(({ tables, fieldCounts, links }): DiagramModel => {
        const model: DiagramModel = {
          tables: tables.map((key, i) => ({
            key,
            label: key.toUpperCase(),
            builtIn: false,
            fields: Array.from({ length: fieldCounts[i] }, (_, n) => ({
              key: `f${n}`,
              label: `F${n}`,
              kind: "text" as const,
              required: false,
            })),
          })),
          relations: [],
        };
        links.forEach(([from, to], n) => {
          const source = model.tables[from % model.tables.length];
          const key = `rel${n}`;
          source.fields.push({ key, label: key, kind: "relation", required: false });
          model.relations.push({
            from: source.key,
            field: key,
            fieldLabel: key,
            to: model.tables[to % model.tables.length].key,
            composition: false,
          });
        });
        return model;
      });
    fc.assert(
      fc.property(arbitraryModel, (model) => {
        expectSoundLayout(model);
      }),
      { numRuns: 200 },
    );
  });
});
