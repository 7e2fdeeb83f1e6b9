import { describe, expect, it } from "vitest";
import { layoutShapeProblems } from "@runtime/layouts/layout-schema";
import { removeElement } from "./move-element";
import { elementAt, findControl } from "./paths";
import { addNote, addSeparator, placeField, placeRelatedList, setRelatedListColumns } from "./place-element";
import { clients, clientsLayout, fieldId, keysOfRows } from "./test-support";

function withoutEmail() {
  return removeElement(clientsLayout(), findControl(clientsLayout(), fieldId("email"))!);
}

describe("placeField", () => {
  it("puts a palette field into a row, between fields", () => {
    const after = placeField(withoutEmail(), clients, "email", [0, 0, 0, 1]);
    expect(keysOfRows(after)[0]).toEqual(["name", "email", "legal_name"]);
    expect(elementAt(after, [0, 0, 0, 1])).toEqual({
      type: "Control",
      scope: "#/properties/email",
      "x-field": fieldId("email"),
      options: { width: 4 },
    });
    expect(layoutShapeProblems(after)).toEqual([]);
  });

  it("gives a field dropped into a section a half-width row, long text a full one", () => {
    const layout = removeElement(withoutEmail(), findControl(withoutEmail(), fieldId("notes"))!);
    const email = placeField(layout, clients, "email", [1, 0]);
    expect(elementAt(email, [1, 0])).toMatchObject({ type: "HorizontalLayout", elements: [{ options: { width: 6 } }] });
    const notes = placeField(layout, clients, "notes", [1, 0]);
    expect(elementAt(notes, [1, 0])).toMatchObject({ type: "HorizontalLayout", elements: [{ options: { width: 12 } }] });
  });

  it("refuses unknown and already placed fields", () => {
    expect(() => placeField(clientsLayout(), clients, "shoe_size", [1, 0])).toThrow('Clients have no field "shoe_size"');
    expect(() => placeField(clientsLayout(), clients, "email", [1, 0])).toThrow("Email is already on the card at /0/0/2/1");
  });
});

describe("separators, notes and related lists", () => {
  it("adds a separator and a note, not inside a row", () => {
    const sep = addSeparator(clientsLayout(), [0, 0, 3]);
    expect(elementAt(sep, [0, 0, 3])).toEqual({ type: "Separator" });
    const note = addNote(clientsLayout(), [0, 1], "Bank details are checked by accounting.");
    expect(elementAt(note, [0, 1])).toEqual({ type: "Note", text: "Bank details are checked by accounting." });
    expect(() => addSeparator(clientsLayout(), [0, 0, 0, 1])).toThrow(/a row holds only fields/);
    expect(() => addNote(clientsLayout(), [0, 1], "   ")).toThrow(/needs some text/);
    expect(layoutShapeProblems(note)).toEqual([]);
  });

  it("places a related list once, with chosen columns", () => {
    const layout = removeElement(clientsLayout(), [1, 0]);
    const after = placeRelatedList(layout, "contacts", [0, 1], ["f_a", "f_b"]);
    expect(elementAt(after, [0, 1])).toEqual({ type: "RelatedList", list: "contacts", columns: ["f_a", "f_b"] });
    expect(() => placeRelatedList(after, "contacts", [1, 0])).toThrow(/already on the card at \/0\/1/);
    expect(() => placeRelatedList(layout, "contacts", [0, 1], ["f_a", "f_a"])).toThrow(/each column once/);
    const recolumned = setRelatedListColumns(after, [0, 1], ["f_c"]);
    expect(elementAt(recolumned, [0, 1])).toEqual({ type: "RelatedList", list: "contacts", columns: ["f_c"] });
    expect(elementAt(setRelatedListColumns(after, [0, 1], []), [0, 1])).toEqual({ type: "RelatedList", list: "contacts" });
    expect(() => setRelatedListColumns(after, [0, 0], ["f_c"])).toThrow(/not a related list/);
  });
});
