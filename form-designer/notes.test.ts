import { describe, expect, it } from "vitest";
import { layoutShapeProblems } from "@runtime/layouts/layout-schema";
import { addNote, placeRelatedList } from "./place-element";
import { setNoteText, setRelatedListLabel } from "./notes";
import { elementAt } from "./paths";
import { removeElement } from "./move-element";
import { clientsLayout } from "./test-support";

describe("setNoteText", () => {
  it("changes a note's text and refuses an empty one", () => {
    const layout = addNote(clientsLayout(), [1, 0], "first");
    expect(elementAt(setNoteText(layout, [1, 0], "Ask for the IBAN"), [1, 0])).toEqual({ type: "Note", text: "Ask for the IBAN" });
    expect(() => setNoteText(layout, [1, 0], "  ")).toThrow(/needs some text/);
    expect(() => setNoteText(layout, [1, 1], "x")).toThrow(/not a note/);
  });
});

describe("setRelatedListLabel", () => {
  it("labels a list and an empty label removes the override", () => {
    const layout = clientsLayout();
    const labelled = setRelatedListLabel(layout, [1, 0], " People ");
    expect(elementAt(labelled, [1, 0])).toEqual({ type: "RelatedList", list: "contacts", label: "People" });
    expect(layoutShapeProblems(labelled)).toEqual([]);
    expect(elementAt(setRelatedListLabel(labelled, [1, 0], ""), [1, 0])).toEqual({ type: "RelatedList", list: "contacts" });
    const moved = placeRelatedList(removeElement(layout, [1, 0]), "contacts", [0, 1]);
    expect(() => setRelatedListLabel(moved, [0, 0], "x")).toThrow(/not a related list/);
  });
});
