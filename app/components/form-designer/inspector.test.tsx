// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { elementAt, findControl } from "@form-designer/paths";
import { clients, clientsLayout, compiled, fieldId } from "@form-designer/test-support";
import type { CardLayout, ControlElement } from "@runtime/layouts/types";
import { Inspector } from "./inspector";

afterEach(cleanup);

const nameOf = (c: ControlElement) => c.options?.label ?? clients.fieldsByKey.get(c.scope.replace("#/properties/", ""))!.label;

function renderFor(layout: CardLayout, path: number[]) {
  const onChange = vi.fn();
  const onError = vi.fn();
  render(
    <Inspector
      layout={layout}
      selection={{ kind: "element", path }}
      table={clients}
      compiled={compiled}
      nameOf={nameOf}
      onChange={onChange}
      onError={onError}
      onSelect={() => undefined}
    />,
  );
  return { onChange, onError, last: () => onChange.mock.calls.at(-1)![0] as CardLayout };
}

describe("Inspector", () => {
  const layout = clientsLayout();
  const email = findControl(layout, fieldId("email"))!;

  it("overrides a field's label and help text on this card only", () => {
    const { onChange, last } = renderFor(layout, [...email]);
    fireEvent.change(screen.getByLabelText("Label on this card"), { target: { value: "Billing email" } });
    fireEvent.change(screen.getByLabelText("Help text"), { target: { value: "Invoices go here" } });
    fireEvent.click(screen.getByRole("button", { name: "Apply label and help" }));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(elementAt(last(), email)).toMatchObject({ options: { width: 6, label: "Billing email", help: "Invoices go here" } });
  });

  it("makes a field read-only on this card and sets its width", () => {
    const { last } = renderFor(layout, [...email]);
    fireEvent.click(screen.getByLabelText("Read-only on this card"));
    expect(elementAt(last(), email)).toMatchObject({ options: { readOnly: true } });
    fireEvent.change(screen.getByLabelText("Width"), { target: { value: "12" } });
    const widened = last();
    expect((elementAt(widened, findControl(widened, fieldId("email"))!) as ControlElement).options?.width).toBe(12);
  });

  it("moves a field with the Move to… menu, the fallback for dragging, keeping it selected where it landed", () => {
    const { last, onChange } = renderFor(layout, [...email]);
    const menu = screen.getByLabelText("Move to…") as HTMLSelectElement;
    const contacts = [...menu.options].find((o) => o.textContent === "tab Contacts, a new row at the end")!;
    fireEvent.change(menu, { target: { value: contacts.value } });
    fireEvent.click(screen.getByRole("button", { name: "Move" }));
    expect(findControl(last(), fieldId("email"))).toEqual([1, 1, 0]);
    // Selected where it landed, so the designer opens that tab.
    expect(onChange.mock.calls.at(-1)![1]).toEqual({ kind: "element", path: [1, 1, 0] });
  });

  it("takes a field off the card", () => {
    const { last } = renderFor(layout, [...email]);
    fireEvent.click(screen.getByRole("button", { name: "Take this field off the card" }));
    expect(findControl(last(), fieldId("email"))).toBeNull();
  });

  it("says why a section name cannot be used instead of changing anything", () => {
    const { onChange, onError } = renderFor(layout, [0, 0]);
    fireEvent.change(screen.getByLabelText("Section name"), { target: { value: "   " } });
    fireEvent.click(screen.getByRole("button", { name: "Rename section" }));
    expect(onChange).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith("a section label cannot be empty");
  });

  it("chooses the columns of a related list", () => {
    const { last } = renderFor(layout, [1, 0]);
    const lastName = screen.getByLabelText("Last name") as HTMLInputElement;
    expect(lastName.checked).toBe(true);
    fireEvent.click(lastName);
    const contacts = compiled.tablesByKey.get("contacts")!;
    const columns = (elementAt(last(), [1, 0]) as { columns?: string[] }).columns!;
    expect(columns.map((id) => contacts.fields.find((f) => f.id === id)!.key)).not.toContain("last_name");
    expect(columns.length).toBeGreaterThan(0);
  });

  it("renames and moves a tab", () => {
    const onChange = vi.fn();
    render(
      <Inspector
        layout={layout}
        selection={{ kind: "tab", index: 1 }}
        table={clients}
        compiled={compiled}
        nameOf={nameOf}
        onChange={onChange}
        onError={() => undefined}
        onSelect={() => undefined}
      />,
    );
    fireEvent.change(screen.getByLabelText("Tab name"), { target: { value: "People" } });
    fireEvent.click(screen.getByRole("button", { name: "Rename tab" }));
    expect((onChange.mock.calls[0][0] as CardLayout & { elements: { label: string }[] }).elements[1].label).toBe("People");
    fireEvent.click(screen.getByRole("button", { name: "← Move left" }));
    expect((onChange.mock.calls[1][0] as CardLayout & { elements: { label: string }[] }).elements[0].label).toBe("Contacts");
    expect(onChange.mock.calls[1][1]).toEqual({ kind: "tab", index: 0 });
  });
});
