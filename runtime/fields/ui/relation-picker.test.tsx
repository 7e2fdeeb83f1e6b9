// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { useState } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { RelationPicker } from "./relation-picker";
import { crmSchema, widgetProps } from "./test-fields";
import { WorkspaceProvider } from "./workspace-context";

const clients = [
  { id: 1, title: "Acme Ltd" },
  { id: 2, title: "Acme Holding" },
  { id: 3, title: "Bolt GmbH" },
];
const searches: string[] = [];
const created: unknown[] = [];

const server = setupServer(
  http.get("*/api/lookup/:target", ({ request, params }) => {
    const q = new URL(request.url).searchParams.get("q") ?? "";
    searches.push(`${String(params.target)}:${q}`);
    const rows =
      params.target === "crm_users"
        ? [{ id: 9, title: "Ann Admin" }]
        : clients.filter((c) => c.title.toLowerCase().includes(q.toLowerCase()));
    return HttpResponse.json({ rows });
  }),
  http.post("*/api/t/clients", async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    created.push({ contentType: request.headers.get("content-type"), body });
    if (!body.country) {
      return HttpResponse.json(
        { error: "Client was not saved: one field needs attention", details: { fields: { country: "Country is required" } } },
        { status: 422 },
      );
    }
    return HttpResponse.json({ id: 41, version: 1, ...body }, { status: 201 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  searches.length = 0;
  created.length = 0;
});
afterAll(() => server.close());

function Picker(props: { onChange: (v: unknown) => void; fieldKey?: string; initial?: unknown }) {
  const schema = crmSchema();
  const field = schema.tablesByKey.get("invoices")!.fieldsByKey.get(props.fieldKey ?? "client")!;
  const [value, setValue] = useState<unknown>(props.initial ?? null);
  return (
    <WorkspaceProvider schema={schema}>
      <form>
        <RelationPicker
          {...widgetProps(field, { value, expanded: props.initial ? { id: 3, title: "Bolt GmbH" } : null })}
          onChange={(v) => {
            setValue(v);
            props.onChange(v);
          }}
        />
      </form>
    </WorkspaceProvider>
  );
}

const combobox = () => screen.getByRole("combobox") as HTMLInputElement;
const hiddenValue = () => (document.querySelector("input[type=hidden][name=client]") as HTMLInputElement).value;

describe("relation picker", () => {
  it("shows the current title, posts its id and links to the record", () => {
    render(<Picker onChange={() => undefined} initial={3} />);
    expect(combobox().value).toBe("Bolt GmbH");
    expect(hiddenValue()).toBe("3");
    expect(combobox().name).toBe("");
    expect(screen.getByRole("link", { name: "open" }).getAttribute("href")).toBe("/t/clients/3");
  });

  it("searches as you type, once typing pauses, and picks with the keyboard", async () => {
    const onChange = vi.fn();
    render(<Picker onChange={onChange} />);
    fireEvent.change(combobox(), { target: { value: "a" } });
    fireEvent.change(combobox(), { target: { value: "ac" } });
    fireEvent.change(combobox(), { target: { value: "acme" } });
    await waitFor(() => expect(screen.getAllByRole("option").length).toBeGreaterThan(0));
    expect(searches).toEqual(["clients:acme"]);
    expect(combobox().getAttribute("aria-expanded")).toBe("true");
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Acme Ltd", "Acme Holding", "Create “acme”"]);
    fireEvent.keyDown(combobox(), { key: "ArrowDown" });
    const active = combobox().getAttribute("aria-activedescendant");
    expect(document.getElementById(active!)?.textContent).toBe("Acme Holding");
    fireEvent.keyDown(combobox(), { key: "Enter" });
    expect(onChange).toHaveBeenLastCalledWith(2);
    expect(hiddenValue()).toBe("2");
    expect(combobox().value).toBe("Acme Holding");
    expect(combobox().getAttribute("aria-expanded")).toBe("false");
  });

  it("closes on Escape and keeps the selection", async () => {
    const onChange = vi.fn();
    render(<Picker onChange={onChange} initial={3} />);
    fireEvent.change(combobox(), { target: { value: "ac" } });
    await waitFor(() => expect(screen.getAllByRole("option").length).toBeGreaterThan(0));
    fireEvent.keyDown(combobox(), { key: "Escape" });
    expect(combobox().getAttribute("aria-expanded")).toBe("false");
    fireEvent.keyDown(combobox(), { key: "Escape" });
    expect(combobox().value).toBe("Bolt GmbH");
    expect(onChange).not.toHaveBeenCalled();
  });

  it("creates a record inline from the typed text and selects it", async () => {
    const onChange = vi.fn();
    server.use(
      http.post("*/api/t/clients", async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        created.push({ contentType: request.headers.get("content-type"), body });
        return HttpResponse.json({ id: 41, version: 1, ...body }, { status: 201 });
      }),
    );
    render(<Picker onChange={onChange} />);
    fireEvent.change(combobox(), { target: { value: "Zeta AG" } });
    const create = await screen.findByRole("option", { name: "Create “Zeta AG”" });
    fireEvent.click(create);
    await screen.findByRole("dialog", { hidden: true });
    expect(created).toEqual([]);
    expect((screen.getByLabelText(/Name/) as HTMLInputElement).value).toBe("Zeta AG");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create", hidden: true }));
    });
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith(41));
    expect(created).toEqual([{ contentType: "application/json", body: { name: "Zeta AG" } }]);
    expect(hiddenValue()).toBe("41");
    expect(combobox().value).toBe("Zeta AG");
  });

  it("never creates on ArrowDown + Enter: Enter on “Create …” opens the dialog to confirm", async () => {
    const onChange = vi.fn();
    render(<Picker onChange={onChange} />);
    fireEvent.change(combobox(), { target: { value: "Zeta AG" } });
    await screen.findByRole("option", { name: "Create “Zeta AG”" });
    fireEvent.keyDown(combobox(), { key: "ArrowDown" });
    fireEvent.keyDown(combobox(), { key: "Enter" });
    const dialog = await screen.findByRole("dialog", { hidden: true });
    expect(created).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
    expect((screen.getByLabelText(/Name/) as HTMLInputElement).value).toBe("Zeta AG");
    fireEvent.click(screen.getByRole("button", { name: "Cancel", hidden: true }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    expect(dialog.isConnected).toBe(false);
    expect(created).toEqual([]);
    expect(hiddenValue()).toBe("");
  });

  it("highlights the first existing record, so Enter picks it rather than “Create …”", async () => {
    const onChange = vi.fn();
    render(<Picker onChange={onChange} />);
    fireEvent.change(combobox(), { target: { value: "bolt" } });
    await waitFor(() => expect(screen.getAllByRole("option")[0].textContent).toBe("Bolt GmbH"));
    fireEvent.keyDown(combobox(), { key: "Enter" });
    expect(onChange).toHaveBeenLastCalledWith(3);
    expect(created).toEqual([]);
  });

  it("asks for the other required fields when the server answers 422, then retries", async () => {
    const onChange = vi.fn();
    render(<Picker onChange={onChange} />);
    fireEvent.change(combobox(), { target: { value: "Zeta AG" } });
    fireEvent.click(await screen.findByRole("option", { name: "Create “Zeta AG”" }));
    await act(async () => {
      fireEvent.click(await screen.findByRole("button", { name: "Create", hidden: true }));
    });
    const dialog = await screen.findByRole("dialog", { hidden: true });
    await waitFor(() => expect(dialog.textContent).toContain("Country is required"));
    expect(dialog.textContent).toContain("Country is required");
    const country = screen.getByLabelText(/Country/) as HTMLInputElement;
    expect(country.getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByLabelText(/Name/) as HTMLInputElement).value).toBe("Zeta AG");
    // The dialog's inputs live outside the card's form: they never post with it.
    expect(country.form).toBeNull();
    fireEvent.change(country, { target: { value: "DE" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create", hidden: true }));
    });
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith(41));
    expect(created.map((c) => (c as { body: unknown }).body)).toEqual([{ name: "Zeta AG" }, { name: "Zeta AG", country: "DE" }]);
    expect(screen.queryByRole("dialog", { hidden: true })).toBeNull();
  });

  it("searches users but offers neither create nor a link for them", async () => {
    const onChange = vi.fn();
    render(<Picker onChange={onChange} fieldKey="owner" />);
    fireEvent.change(combobox(), { target: { value: "an" } });
    await waitFor(() => expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Ann Admin"]));
    expect(searches).toEqual(["crm_users:an"]);
    fireEvent.click(screen.getByRole("option", { name: "Ann Admin" }));
    expect(onChange).toHaveBeenLastCalledWith(9);
    expect(screen.queryByRole("link")).toBeNull();
  });
});
