// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { FieldSchema } from "../../schema/types";
import type { FieldWidgetProps } from "../ui-types";
import { fieldUis } from "../ui-registry";
import { browserTimeZone, localInputToUtc } from "./datetime-local";
import { compiledField, crmSchema, widgetProps } from "./test-fields";
import { WorkspaceProvider } from "./workspace-context";

/** A widget with its value held in state, as a card holds it; `onChange` records every emission. */
function Controlled(props: { def: FieldSchema; initial?: unknown; onChange: (v: unknown) => void; extra?: Partial<FieldWidgetProps> }) {
  const [value, setValue] = useState<unknown>(props.initial ?? null);
  const field = compiledField("amount", props.def);
  const { Widget } = fieldUis[props.def["x-kind"]];
  return (
    <Widget
      {...widgetProps(field, props.extra)}
      value={value}
      onChange={(v) => {
        setValue(v);
        props.onChange(v);
      }}
    />
  );
}

function control(): HTMLInputElement {
  return document.getElementById("f-amount") as HTMLInputElement;
}

describe("typing emits JSON values", () => {
  it.each([
    [{ type: "string", "x-id": "f_t", "x-kind": "text", maxLength: 40 }, "Acme Ltd", "Acme Ltd"],
    [{ type: "string", "x-id": "f_e", "x-kind": "email" }, "a@b.example", "a@b.example"],
    [{ type: "string", "x-id": "f_p", "x-kind": "phone" }, "+49 30 1234", "+49 30 1234"],
    [{ type: "string", "x-id": "f_u", "x-kind": "url" }, "https://acme.example", "https://acme.example"],
    [{ type: "string", "x-id": "f_l", "x-kind": "longtext" }, "two\nlines", "two\nlines"],
    [{ type: "integer", "x-id": "f_i", "x-kind": "integer" }, "42", 42],
    [{ type: "number", "x-id": "f_d", "x-kind": "decimal" }, "1 234.5", 1234.5],
    [{ type: "number", "x-id": "f_m", "x-kind": "money", "x-currency": "EUR" }, "19.99", 19.99],
    [{ type: "number", "x-id": "f_pc", "x-kind": "percent" }, "7.5", 7.5],
    [{ type: "string", "x-id": "f_da", "x-kind": "date" }, "2026-11-24", "2026-11-24"],
    [{ type: "string", "x-id": "f_s", "x-kind": "select", enum: ["draft", "issued"] }, "issued", "issued"],
  ] as [FieldSchema, string, unknown][])("%o: %s", (def, typed, expected) => {
    const onChange = vi.fn();
    render(<Controlled def={def} onChange={onChange} />);
    fireEvent.change(control(), { target: { value: typed } });
    expect(onChange).toHaveBeenLastCalledWith(expected);
    fireEvent.change(control(), { target: { value: "" } });
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it("gives text controls the schema's maxLength", () => {
    render(<Controlled def={{ type: "string", "x-id": "f_t", "x-kind": "text", maxLength: 40 }} onChange={() => undefined} />);
    expect(control().maxLength).toBe(40);
    expect(control().type).toBe("text");
  });

  it("keeps invalid number text visible, emits null, and never reformats while typing", () => {
    const onChange = vi.fn();
    render(<Controlled def={{ type: "number", "x-id": "f_d", "x-kind": "decimal" }} initial={12.5} onChange={onChange} />);
    expect(control().value).toBe("12.5");
    expect(control().inputMode).toBe("decimal");
    fireEvent.change(control(), { target: { value: "12,5" } });
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(control().value).toBe("12,5");
    expect(control().getAttribute("aria-invalid")).toBe("true");
    expect(control().title).toMatch(/dot as the decimal separator/);
    fireEvent.change(control(), { target: { value: "12.50" } });
    expect(onChange).toHaveBeenLastCalledWith(12.5);
    expect(control().value).toBe("12.50");
    expect(control().getAttribute("aria-invalid")).toBeNull();
  });

  it("shows a money field's currency from the record, and percent's sign", () => {
    const money: FieldSchema = { type: "number", "x-id": "f_m", "x-kind": "money", "x-currency": "USD", "x-currency-field": "currency" };
    const { unmount } = render(<Controlled def={money} onChange={() => undefined} extra={{ record: { currency: "EUR" } }} />);
    expect(screen.getByText("EUR")).toBeTruthy();
    expect(control().getAttribute("aria-describedby")).toBe(screen.getByText("EUR").id);
    unmount();
    render(<Controlled def={{ type: "number", "x-id": "f_pc", "x-kind": "percent" }} onChange={() => undefined} />);
    expect(screen.getByText("%")).toBeTruthy();
  });

  it("ticks a boolean", () => {
    const onChange = vi.fn();
    render(<Controlled def={{ type: "boolean", "x-id": "f_b", "x-kind": "boolean" }} onChange={onChange} />);
    fireEvent.click(control());
    expect(onChange).toHaveBeenLastCalledWith(true);
    fireEvent.click(control());
    expect(onChange).toHaveBeenLastCalledWith(false);
    expect(fieldUis.boolean.fromFormData(["true"], compiledField("b", { type: "boolean", "x-id": "f_b", "x-kind": "boolean" }))).toEqual({
      ok: true,
      value: true,
    });
  });

  it("collects a multiselect as an array in the schema's order", () => {
    const onChange = vi.fn();
    const def: FieldSchema = {
      type: "array",
      "x-id": "f_tags",
      "x-kind": "multiselect",
      items: { type: "string", enum: ["vip", "partner"] },
      "x-labels": { vip: "VIP" },
    };
    render(<Controlled def={def} onChange={onChange} />);
    fireEvent.click(screen.getByLabelText("Partner".toLowerCase()));
    expect(onChange).toHaveBeenLastCalledWith(["partner"]);
    fireEvent.click(screen.getByLabelText("VIP"));
    expect(onChange).toHaveBeenLastCalledWith(["vip", "partner"]);
  });

  it("offers an empty select option only when the field is optional", () => {
    const def: FieldSchema = {
      type: "string",
      "x-id": "f_s",
      "x-kind": "select",
      enum: ["draft", "issued"],
      "x-labels": { draft: "Draft" },
    };
    const { unmount } = render(<Controlled def={def} initial="draft" onChange={() => undefined} />);
    expect([...(control() as unknown as HTMLSelectElement).options].map((o) => o.text)).toEqual(["", "Draft", "issued"]);
    unmount();
    render(<Controlled def={def} initial="draft" onChange={() => undefined} extra={{ required: true }} />);
    expect([...(control() as unknown as HTMLSelectElement).options].map((o) => o.value)).toEqual(["draft", "issued"]);
  });

  it("converts datetime-local text in the user's zone to UTC and posts the zone beside it", () => {
    const onChange = vi.fn();
    const def: FieldSchema = { type: "string", "x-id": "f_at", "x-kind": "datetime" };
    const { container } = render(
      <form>
        <Controlled def={def} initial="2026-11-24T10:15:00.000Z" onChange={onChange} />
      </form>,
    );
    const zone = browserTimeZone();
    expect(control().type).toBe("datetime-local");
    fireEvent.change(control(), { target: { value: "2026-11-25T08:30" } });
    const expected = localInputToUtc("2026-11-25T08:30", zone);
    expect(onChange).toHaveBeenLastCalledWith(expected);
    const posted = new FormData(container.querySelector("form")!).getAll("amount").map(String);
    expect(posted).toEqual(["2026-11-25T08:30", zone]);
    expect(fieldUis.datetime.fromFormData(["2026-11-24T11:15", "Europe/Berlin"], compiledField("at", def))).toEqual({
      ok: true,
      value: "2026-11-24T10:15:00.000Z",
    });
    expect(fieldUis.datetime.fromFormData(["2026-11-24T11:15:00+01:00"], compiledField("at", def))).toEqual({
      ok: true,
      value: "2026-11-24T10:15:00.000Z",
    });
  });

  it("reads posted text with the kind's parser and says what is wrong in plain words", () => {
    const integer = compiledField("qty", { type: "integer", "x-id": "f_q", "x-kind": "integer" });
    expect(fieldUis.integer.fromFormData(["1.5"], integer)).toEqual({
      ok: false,
      error: expect.stringMatching(/not a whole number/),
      // The same refusal as a phrase, for a card to say in its reader's language.
      words: expect.objectContaining({ key: expect.stringMatching(/^kindValues\./) }),
    });
    expect(fieldUis.integer.fromFormData([""], integer)).toEqual({ ok: true, value: null });
    const file = compiledField("doc", { type: "object", "x-id": "f_doc", "x-kind": "file" });
    expect(fieldUis.file.fromFormData(["{oops"], file)).toEqual({
      ok: false,
      error: "doc did not arrive as an uploaded file: upload it again",
      words: { key: "kindValues.notUploaded", values: { field: "doc" } },
    });
  });
});

describe("computed fields", () => {
  it("explains a number still to be assigned, in the schema's words", () => {
    const schema = crmSchema();
    const field = schema.tablesByKey.get("invoices")!.fieldsByKey.get("number")!;
    const { Widget } = fieldUis.autonumber;
    render(
      <WorkspaceProvider schema={schema}>
        <form>
          <Widget {...widgetProps(field)} />
        </form>
      </WorkspaceProvider>,
    );
    const input = document.getElementById("f-number") as HTMLInputElement;
    expect(input.placeholder).toBe("Assigned when Status is Issued");
    expect(input.readOnly).toBe(true);
    expect(input.name).toBe("");
  });

  it("shows a formula through its result kind's formatting", () => {
    const field = compiledField("total", {
      type: "number",
      "x-id": "f_tot",
      "x-kind": "formula",
      "x-formula": "1",
      "x-result": "money",
      "x-currency": "EUR",
    });
    render(<fieldUis.formula.Widget {...widgetProps(field, { value: 1234.5 })} />);
    expect((document.getElementById("f-total") as HTMLInputElement).value).toBe("€1,234.50");
  });
});

describe("list cells", () => {
  const format = { locale: "en-US" };
  it("links a relation to its record, but not a user", () => {
    const schema = crmSchema();
    const invoices = schema.tablesByKey.get("invoices")!;
    const { container } = render(
      <>
        <fieldUis.relation.Cell
          field={invoices.fieldsByKey.get("client")!}
          value={7}
          record={{}}
          format={format}
          expanded={{ id: 7, title: "Acme" }}
        />
        <fieldUis.relation.Cell
          field={invoices.fieldsByKey.get("owner")!}
          value={2}
          record={{}}
          format={format}
          expanded={{ id: 2, title: "Ann" }}
        />
      </>,
    );
    expect(screen.getByRole("link", { name: "Acme" }).getAttribute("href")).toBe("/t/clients/7");
    expect(screen.getByText("Ann").closest("a")).toBeNull();
    expect(container.querySelectorAll("a")).toHaveLength(1);
  });

  it("right-aligns numbers, ticks booleans, chips options, thumbnails images", () => {
    const money = compiledField("total", { type: "number", "x-id": "f_m", "x-kind": "money", "x-currency": "EUR" });
    const { container } = render(<fieldUis.money.Cell field={money} value={19.9} record={{}} format={format} />);
    expect(container.querySelector(".tf-cell--number")?.textContent).toBe("€19.90");
    const flag = compiledField("vip", { type: "boolean", "x-id": "f_b", "x-kind": "boolean" });
    render(<fieldUis.boolean.Cell field={flag} value={true} record={{}} format={format} />);
    expect(screen.getByRole("img", { name: "Yes" }).textContent).toBe("✓");
    const tags = compiledField("tags", {
      type: "array",
      "x-id": "f_tags",
      "x-kind": "multiselect",
      items: { type: "string", enum: ["vip", "b2b"] },
      "x-labels": { vip: "VIP" },
    });
    const chips = render(<fieldUis.multiselect.Cell field={tags} value={["vip", "b2b"]} record={{}} format={format} />);
    expect([...chips.container.querySelectorAll(".tf-chip")].map((c) => c.textContent)).toEqual(["VIP", "b2b"]);
    const logo = compiledField("logo", { type: "object", "x-id": "f_logo", "x-kind": "image" });
    render(
      <fieldUis.image.Cell
        field={logo}
        value={{ id: "img1", name: "logo.png", size: 10, type: "image/png" }}
        record={{}}
        format={format}
      />,
    );
    const img = screen.getByAltText("logo.png") as HTMLImageElement;
    expect(img.getAttribute("src")).toBe("/api/files/img1");
    expect(img.width).toBe(24);
  });
});

describe("money amounts", () => {
  it("show their decimals as accountants write them, and keep what is typed", async () => {
    const { initialNumberText } = await import("./number-input");
    const { moneyKind } = await import("../money/index");
    const def = { type: "number" as const, "x-id": "f_m", "x-kind": "money" as const };
    expect(initialNumberText(moneyKind, 120.5, def)).toBe("120.50");
    expect(initialNumberText(moneyKind, 4, def)).toBe("4.00");
    expect(initialNumberText(moneyKind, 1.005, { ...def, "x-scale": 3 })).toBe("1.005");
    expect(initialNumberText(moneyKind, null, def)).toBe("");
  });
});
