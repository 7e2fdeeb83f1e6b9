import { describe, expect, it } from "vitest";
import { layoutShapeProblems } from "@runtime/layouts/layout-schema";
import {
  accepts,
  applyDrop,
  dragId,
  dropId,
  isNoop,
  parseDragId,
  parseDropId,
  placedPath,
  NEW_NOTE_TEXT,
  type DragSource,
  type DropTarget,
} from "./drop";
import { elementAt, findControl } from "./paths";
import { removeElement } from "./move-element";
import { clients, clientsLayout, fieldId, keysOfRows, placedIds } from "./test-support";

const EMAIL: DragSource = { kind: "element", path: [0, 0, 2, 1] };

describe("drag and drop ids", () => {
  it("read back what they were made from", () => {
    const sources: DragSource[] = [
      { kind: "field", key: "email" },
      { kind: "list", name: "contacts" },
      { kind: "separator" },
      { kind: "note" },
      EMAIL,
    ];
    for (const s of sources) expect(parseDragId(dragId(s))).toEqual(s);
    const targets: DropTarget[] = [{ kind: "gap", at: [0, 1, 2] }, { kind: "tab", index: 3 }, { kind: "palette" }];
    for (const t of targets) {
      expect(parseDropId(dropId(t))).toEqual(t);
      expect(parseDropId(dropId(t, "b"))).toEqual(t);
    }
  });

  it("refuse ids that are not the designer's", () => {
    expect(() => parseDragId("palette:table:x")).toThrow(/not something the designer can drag/);
    expect(() => parseDropId("gap:a.b")).toThrow(/not a drop position/);
  });
});

describe("accepts", () => {
  const layout = clientsLayout();
  it("lets rows take only fields", () => {
    expect(accepts(layout, EMAIL, { kind: "gap", at: [0, 0, 0, 1] })).toBe(true);
    expect(accepts(layout, { kind: "note" }, { kind: "gap", at: [0, 0, 0, 1] })).toBe(false);
    expect(accepts(layout, { kind: "list", name: "contacts" }, { kind: "gap", at: [0, 1] })).toBe(true);
  });

  it("keeps sections out of sections and things out of themselves", () => {
    expect(accepts(layout, { kind: "element", path: [0, 0] }, { kind: "gap", at: [0, 0, 1] })).toBe(false);
    expect(accepts(layout, { kind: "element", path: [0, 0] }, { kind: "gap", at: [1, 0] })).toBe(true);
  });

  it("takes only placed things back to the palette, and not past a container's end", () => {
    expect(accepts(layout, EMAIL, { kind: "palette" })).toBe(true);
    expect(accepts(layout, { kind: "field", key: "email" }, { kind: "palette" })).toBe(false);
    expect(accepts(layout, EMAIL, { kind: "gap", at: [0, 0, 99] })).toBe(false);
    expect(accepts(layout, EMAIL, { kind: "tab", index: 9 })).toBe(false);
  });
});

describe("applyDrop", () => {
  it("moves a field onto a tab header: to the end of that tab, on its own row", () => {
    const after = applyDrop(clientsLayout(), clients, EMAIL, { kind: "tab", index: 1 });
    expect(elementAt(after, [1, 1])).toMatchObject({ type: "HorizontalLayout", elements: [{ "x-field": fieldId("email") }] });
    expect(layoutShapeProblems(after)).toEqual([]);
  });

  it("places a field from the palette and takes it back off", () => {
    const without = removeElement(clientsLayout(), EMAIL.path);
    expect(placedIds(without)).not.toContain(fieldId("email"));
    const placed = applyDrop(without, clients, { kind: "field", key: "email" }, { kind: "gap", at: [0, 0, 0, 2] });
    expect(keysOfRows(placed)[0]).toEqual(["name", "legal_name", "email"]);
    const back = applyDrop(placed, clients, { kind: "element", path: findControl(placed, fieldId("email"))! }, { kind: "palette" });
    expect(placedIds(back)).not.toContain(fieldId("email"));
  });

  it("adds a note with a starting text and a separator", () => {
    const noted = applyDrop(clientsLayout(), clients, { kind: "note" }, { kind: "gap", at: [1, 0] });
    expect(elementAt(noted, [1, 0])).toEqual({ type: "Note", text: NEW_NOTE_TEXT });
    const separated = applyDrop(noted, clients, { kind: "separator" }, { kind: "gap", at: [1, 0] });
    expect(elementAt(separated, [1, 0])).toEqual({ type: "Separator" });
  });

  it("changes nothing (not even widths) when a field is dropped where it is", () => {
    const layout = clientsLayout();
    expect(isNoop(EMAIL, { kind: "gap", at: [0, 0, 2, 1] })).toBe(true);
    expect(isNoop(EMAIL, { kind: "gap", at: [0, 0, 2, 2] })).toBe(true);
    expect(applyDrop(layout, clients, EMAIL, { kind: "gap", at: [0, 0, 2, 2] })).toBe(layout);
  });

  it("refuses a drop the layout rules forbid, with a reason", () => {
    expect(() => applyDrop(clientsLayout(), clients, { kind: "note" }, { kind: "gap", at: [0, 0, 0, 0] })).toThrow(
      /cannot be dropped there/,
    );
  });

  it("finds where the dropped thing landed", () => {
    const layout = clientsLayout();
    const after = applyDrop(layout, clients, EMAIL, { kind: "tab", index: 1 });
    expect(placedPath(after, layout, EMAIL)).toEqual([1, 1, 0]);
    const list = applyDrop(removeElement(layout, [1, 0]), clients, { kind: "list", name: "contacts" }, { kind: "gap", at: [0, 1] });
    expect(placedPath(list, layout, { kind: "list", name: "contacts" })).toEqual([0, 1]);
  });
});
