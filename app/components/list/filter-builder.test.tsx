// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Condition, ConditionMode } from "@runtime/views/conditions";
import { listFields } from "@runtime/views/list-page.server";
import { invoicesTable } from "@runtime/views/test-table";
import { moveItem } from "./column-chooser";
import { FilterBuilder, isComplete } from "./filter-builder";

const fields = listFields(invoicesTable());
const server = setupServer(
  http.get("*/api/lookup/clients", ({ request }) => {
    const q = new URL(request.url).searchParams.get("q") ?? "";
    return HttpResponse.json({
      rows: [
        { id: 7, title: "Acme" },
        { id: 8, title: "Beta" },
      ].filter((r) => r.title.toLowerCase().includes(q.toLowerCase())),
    });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

function setup(conditions: Condition[] = [], mode: ConditionMode = "and") {
  const onApply = vi.fn();
  render(
    <FilterBuilder
      fields={fields}
      conditions={conditions}
      mode={mode}
      refTitles={{}}
      today="2024-02-14"
      onApply={onApply}
      onCancel={() => {}}
    />,
  );
  return onApply;
}

const apply = () => fireEvent.click(screen.getByRole("button", { name: "Apply filters" }));

describe("FilterBuilder", () => {
  it("offers the operators of the field's kind and a fitting value input", () => {
    const onApply = setup();
    fireEvent.click(screen.getByRole("button", { name: "+ Add condition" }));
    fireEvent.change(screen.getByLabelText("Field of condition 1"), { target: { value: "status" } });
    const ops = [...(screen.getByLabelText("Operator of condition 1") as HTMLSelectElement).options].map((o) => o.textContent);
    expect(ops).toEqual(["is", "is not", "is any of", "is none of", "is empty", "is not empty"]);
    fireEvent.change(screen.getByLabelText("Operator of condition 1"), { target: { value: "in" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "issued" }));
    apply();
    expect(onApply).toHaveBeenCalledWith([{ field: "status", op: "in", value: ["issued"] }], "and");
  });

  it("turns a date shortcut into concrete dates", () => {
    const onApply = setup([{ field: "due_date", op: "lt", value: "2024-01-01" }]);
    fireEvent.click(screen.getByRole("button", { name: "Last month" }));
    apply();
    expect(onApply).toHaveBeenCalledWith([{ field: "due_date", op: "between", value: ["2024-01-01", "2024-01-31"] }], "and");
  });

  it("joins with OR when asked and skips unfinished rows", () => {
    const onApply = setup([
      { field: "total", op: "gt", value: "100" },
      { field: "paid", op: "eq", value: true },
    ]);
    fireEvent.click(screen.getByRole("button", { name: "+ Add condition" }));
    fireEvent.click(screen.getByLabelText("Match any condition"));
    fireEvent.change(screen.getByLabelText("Value for Paid"), { target: { value: "no" } });
    apply();
    expect(onApply).toHaveBeenCalledWith(
      [
        { field: "total", op: "gt", value: "100" },
        { field: "paid", op: "eq", value: false },
      ],
      "or",
    );
  });

  it("picks a related record through the lookup API", async () => {
    const onApply = setup([{ field: "client", op: "isEmpty" }]);
    fireEvent.change(screen.getByLabelText("Operator of condition 1"), { target: { value: "eq" } });
    fireEvent.change(screen.getByLabelText("Search Client"), { target: { value: "ac" } });
    fireEvent.click(await screen.findByRole("button", { name: "Acme" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Remove Acme" })).toBeTruthy());
    apply();
    expect(onApply).toHaveBeenCalledWith([{ field: "client", op: "eq", value: 7 }], "and");
  });
});

describe("helpers", () => {
  it("isComplete wants a value fitting the operator", () => {
    expect(isComplete({ op: "isEmpty", value: undefined })).toBe(true);
    expect(isComplete({ op: "between", value: ["1", ""] })).toBe(false);
    expect(isComplete({ op: "in", value: [] })).toBe(false);
    expect(isComplete({ op: "eq", value: false })).toBe(true);
  });

  it("moveItem moves within bounds only", () => {
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 2, -2)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });
});
