import { describe, expect, it } from "vitest";
import { containerItems, elementAt, elementId, findControl, gapAt, listElements, parseElementId } from "./paths";
import { clientsLayout, fieldId } from "./test-support";

describe("element addressing", () => {
  it("turns paths into dnd-kit ids and back", () => {
    for (const path of [[], [0], [0, 0, 2, 1], [12, 3]]) expect(parseElementId(elementId(path))).toEqual(path);
    expect(elementId([0, 1])).toBe("el:0.1");
  });

  it("rejects ids and paths that are not ours", () => {
    expect(() => parseElementId("row-3")).toThrow(/not a layout element id/);
    expect(() => parseElementId("el:1..2")).toThrow(/not a layout element id/);
    expect(() => elementId([1, -1])).toThrow(/non-negative integers/);
    expect(() => elementId([1.5])).toThrow(/non-negative integers/);
  });

  it("finds elements and controls by path", () => {
    const layout = clientsLayout();
    const emailAt = findControl(layout, fieldId("email"));
    expect(emailAt).toEqual([0, 0, 2, 1]);
    expect(elementAt(layout, emailAt!)).toMatchObject({ type: "Control", "x-field": fieldId("email") });
    expect(findControl(layout, "f_nope")).toBeNull();
    expect(() => elementAt(layout, [0, 0, 42])).toThrow("the layout has no element at /0/0/42");
  });

  it("checks drop gaps against the container's length", () => {
    const layout = clientsLayout();
    expect(gapAt(layout, [0, 0, 2, 2]).index).toBe(2);
    expect(() => gapAt(layout, [0, 0, 2, 3])).toThrow(/past the end/);
    expect(() => gapAt(layout, [0, 0, 2, 0, 0])).toThrow(/Control .* cannot hold elements/);
  });

  it("lists the designer state as containers of item ids", () => {
    const layout = clientsLayout();
    const items = containerItems(layout);
    expect(items["el:"]).toEqual(["el:0", "el:1", "el:2", "el:3", "el:4"]);
    expect(items["el:0.0.2"]).toEqual(["el:0.0.2.0", "el:0.0.2.1"]);
    const containers = listElements(layout).filter(({ element }) => "elements" in element);
    expect(Object.keys(items)).toHaveLength(containers.length + 1);
  });
});
