// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FieldPalette } from "./field-palette";

afterEach(cleanup);

const fields = [
  { key: "email", label: "Email", kind: "email" },
  { key: "tax_id", label: "Tax / VAT ID", kind: "text" },
  { key: "address_line1", label: "Address line 1", kind: "text" },
  { key: "city", label: "Città", kind: "text" },
];

function names(): string[] {
  return within(screen.getByRole("list", { name: "Fields not on the card" }))
    .queryAllByRole("button", { name: /^Add / })
    .map((b) => b.getAttribute("aria-label")!.replace(/^Add (.*) to the card$/, "$1"));
}

describe("FieldPalette", () => {
  it("searches by label and by key, ignoring case and accents", () => {
    render(<FieldPalette fields={fields} lists={[]} onAdd={() => undefined} receiving={false} draggable={false} />);
    const search = screen.getByLabelText("Search fields");
    expect(names()).toEqual(["Email", "Tax / VAT ID", "Address line 1", "Città"]);
    fireEvent.change(search, { target: { value: "vat" } });
    expect(names()).toEqual(["Tax / VAT ID"]);
    fireEvent.change(search, { target: { value: "address_line" } });
    expect(names()).toEqual(["Address line 1"]);
    fireEvent.change(search, { target: { value: "CITTA" } });
    expect(names()).toEqual(["Città"]);
  });

  it("says when nothing matches, and when every field is placed", () => {
    const { rerender } = render(<FieldPalette fields={fields} lists={[]} onAdd={() => undefined} receiving={false} draggable={false} />);
    fireEvent.change(screen.getByLabelText("Search fields"), { target: { value: "iban" } });
    expect(screen.getByRole("status").textContent).toBe("No field matches “iban”.");
    rerender(<FieldPalette fields={[]} lists={[]} onAdd={() => undefined} receiving={false} draggable={false} />);
    expect(screen.getByText("Every field is on the card.")).toBeTruthy();
  });

  it("adds a field, a related list or a note without dragging", () => {
    const onAdd = vi.fn();
    render(
      <FieldPalette fields={fields} lists={[{ name: "contacts", label: "Contacts" }]} onAdd={onAdd} receiving={false} draggable={false} />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Add Email to the card" }));
    fireEvent.click(screen.getByRole("button", { name: "Add Contacts to the card" }));
    fireEvent.click(screen.getByRole("button", { name: "Add Note to the card" }));
    expect(onAdd.mock.calls.map((c) => c[0])).toEqual([
      { kind: "field", key: "email" },
      { kind: "list", name: "contacts" },
      { kind: "note" },
    ]);
  });
});
