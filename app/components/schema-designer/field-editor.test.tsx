// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { seedSchema } from "@schema-designer/test-schema";
import { AddFieldForm } from "./field-editor";

afterEach(cleanup);

function renderForm() {
  const edit = vi.fn(() => null);
  const onDone = vi.fn();
  render(<AddFieldForm schema={seedSchema()} table="clients" edit={edit} onDone={onDone} />);
  const input = (name: string) => document.querySelector(`[name="${name}"]`) as HTMLInputElement;
  const submit = () => fireEvent.click(screen.getByRole("button", { name: "Add to draft" }));
  const errorOf = (name: string) => {
    const describedBy = input(name).getAttribute("aria-describedby") ?? "";
    return describedBy
      .split(" ")
      .filter((id) => id.endsWith("-error"))
      .map((id) => document.getElementById(id)?.textContent)
      .join("");
  };
  return { edit, onDone, input, submit, errorOf };
}

describe("AddFieldForm", () => {
  it("drops the 'give a key' error once typing the label fills the key in", () => {
    const form = renderForm();
    form.submit();
    expect(form.errorOf("key")).toMatch(/^Give the field a key/);
    fireEvent.change(form.input("title"), { target: { value: "Region" } });
    expect(form.input("key").value).toBe("region");
    expect(form.errorOf("key")).toBe("");
    expect(form.input("key").getAttribute("aria-invalid")).toBeNull();
  });

  it("says beside the key that another field has it, without touching the draft", () => {
    const form = renderForm();
    fireEvent.change(form.input("title"), { target: { value: "Email" } });
    form.submit();
    expect(form.errorOf("key")).toBe('Table "clients" already has a field "email"; pick another field key');
    expect(form.edit).not.toHaveBeenCalled();
  });

  it("keeps a formula with a typo out of the draft and says so beside the expression, not in schema-validator words", () => {
    const form = renderForm();
    fireEvent.change(document.querySelector('select[name="kind"]')!, { target: { value: "formula" } });
    fireEvent.change(form.input("title"), { target: { value: "Score" } });
    fireEvent.change(form.input("formula"), { target: { value: "postcde * 2" } });
    form.submit();
    expect(form.errorOf("formula")).toBe("Fix the problem in the formula shown above first");
    expect(screen.getByRole("status", { name: "Problems in the formula" }).textContent).toContain('did you mean "postcode"');
    expect(document.body.textContent).not.toContain("would make the schema invalid");
    expect(form.edit).not.toHaveBeenCalled();
  });

  it("adds a valid field to the draft", () => {
    const form = renderForm();
    fireEvent.change(form.input("title"), { target: { value: "Region" } });
    form.submit();
    expect(form.edit).toHaveBeenCalledWith(
      expect.objectContaining({ op: "addField", table: "clients", args: expect.objectContaining({ key: "region", kind: "text" }) }),
    );
    expect(form.onDone).toHaveBeenCalledWith("region");
  });
});
