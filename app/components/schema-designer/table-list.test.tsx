// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { seedSchema } from "@schema-designer/test-schema";
import { TableList } from "./table-list";

afterEach(cleanup);

describe("TableList: a new table", () => {
  it("proposes the key from the plural typed, focusing the first input on opening", () => {
    const edit = vi.fn(() => null);
    const onSelect = vi.fn();
    render(<TableList schema={seedSchema()} selected="clients" onSelect={onSelect} edit={edit} problemTables={new Set()} />);
    fireEvent.click(screen.getByRole("button", { name: "+ New table" }));
    const title = screen.getByLabelText("Name of one record");
    expect(document.activeElement).toBe(title);
    fireEvent.change(title, { target: { value: "Opportunity" } });
    expect((screen.getByLabelText("Key") as HTMLInputElement).value).toBe("opportunities");
    fireEvent.change(screen.getByLabelText("Plural"), { target: { value: "Deals in progress" } });
    expect((screen.getByLabelText("Key") as HTMLInputElement).value).toBe("deals_in_progress");
    fireEvent.click(screen.getByRole("button", { name: "Add table" }));
    expect(edit).toHaveBeenCalledWith(
      expect.objectContaining({
        op: "addTable",
        args: expect.objectContaining({ key: "deals_in_progress", title: "Opportunity", plural: "Deals in progress" }),
      }),
    );
    expect(onSelect).toHaveBeenCalledWith("deals_in_progress");
  });

  it("leaves a key the admin typed alone", () => {
    render(<TableList schema={seedSchema()} selected="clients" onSelect={() => undefined} edit={() => null} problemTables={new Set()} />);
    fireEvent.click(screen.getByRole("button", { name: "+ New table" }));
    fireEvent.change(screen.getByLabelText("Key"), { target: { value: "deals" } });
    fireEvent.change(screen.getByLabelText("Name of one record"), { target: { value: "Opportunity" } });
    fireEvent.change(screen.getByLabelText("Plural"), { target: { value: "Opportunities" } });
    expect((screen.getByLabelText("Key") as HTMLInputElement).value).toBe("deals");
  });
});
