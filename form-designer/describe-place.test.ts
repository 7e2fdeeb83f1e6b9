import { describe, expect, it } from "vitest";
import type { ControlElement } from "@runtime/layouts/types";
import { describeGap, describePlace } from "./describe-place";
import { addSection } from "./sections";
import { moveElement } from "./move-element";
import { clients, clientsLayout } from "./test-support";

const nameOf = (c: ControlElement) => c.options?.label ?? clients.fieldsByKey.get(c.scope.replace("#/properties/", ""))?.label ?? "?";

describe("describePlace", () => {
  it("names tab, section and row of a field and who shares its row", () => {
    expect(describePlace(clientsLayout(), [0, 0, 2, 1], nameOf)).toBe("tab Details, section Details, row 3, beside Tax / VAT ID");
  });

  it("says the row without neighbours when the field is alone in it", () => {
    let layout = addSection(clientsLayout(), [0, 1], "Bank details");
    layout = moveElement(layout, [0, 0, 2, 1], [0, 1, 0]);
    layout = moveElement(layout, [0, 0, 3, 0], [0, 1, 1]);
    expect(describePlace(layout, [0, 1, 1, 0], nameOf)).toBe("tab Details, section Bank details, row 2");
  });

  it("counts a list or note by its position in the tab", () => {
    expect(describePlace(clientsLayout(), [1, 0], nameOf)).toBe("tab Contacts, position 1");
  });

  it("names a section by its label", () => {
    expect(describePlace(clientsLayout(), [0, 0], nameOf)).toBe("tab Details, section Details");
  });
});

describe("describeGap", () => {
  it("inside a row names the field the drop goes before or after", () => {
    expect(describeGap(clientsLayout(), [0, 0, 2, 1], nameOf)).toBe("tab Details, section Details, row 3, before Email");
    expect(describeGap(clientsLayout(), [0, 0, 2, 2], nameOf)).toBe("tab Details, section Details, row 3, after Email");
  });

  it("between rows it is a new row, numbered among the rows", () => {
    expect(describeGap(clientsLayout(), [0, 0, 1], nameOf)).toBe("tab Details, section Details, a new row 2");
    expect(describeGap(clientsLayout(), [1, 1], nameOf)).toBe("tab Contacts, a new row 1");
  });

  it("says when the section is empty", () => {
    const layout = addSection(clientsLayout(), [0, 1], "Bank details");
    expect(describeGap(layout, [0, 1, 0], nameOf)).toBe("tab Details, section Bank details (empty)");
  });
});
