// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FIELD_KINDS } from "../../schema/types";
import { fieldKinds } from "../registry";
import { kindSamples } from "../samples";
import { fieldUis, getFieldUi } from "../ui-registry";
import { compiledField, widgetProps } from "./test-fields";

/**
 * What HTML itself changes on the way: a form posts line breaks as one kind, and checkboxes post in
 * the order they stand (the schema's), which for a set of options is the same value.
 */
function asPosted(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\r\n?/g, "\n");
  if (Array.isArray(value)) return [...value].sort();
  return value;
}

/** What a plain HTML form would post for the widget, read the way a Remix action reads it. */
function posted(form: HTMLFormElement, name: string): string[] {
  return new FormData(form).getAll(name).map(String);
}

describe("every field kind has a UI", () => {
  it("covers FIELD_KINDS exactly", () => {
    expect(Object.keys(fieldUis).sort()).toEqual([...FIELD_KINDS].sort());
  });

  it("refuses an unknown kind with the kinds it knows", () => {
    expect(() => getFieldUi("colour")).toThrow(/No widget for field kind "colour".*text, longtext/);
    expect(getFieldUi("money")).toBe(fieldUis.money);
  });

  for (const kind of FIELD_KINDS) {
    describe(kind, () => {
      const ui = fieldUis[kind];
      const computed = fieldKinds[kind].readOnly;
      const cases = kindSamples[kind].cases.flatMap((c) => c.valid.map((value) => ({ def: c.field, value })));

      it.each(cases.map((c) => [JSON.stringify(c.value), c] as const))("posts %s and reads it back", (_label, { def, value }) => {
        const field = compiledField("field_a", def);
        const { container } = render(
          <form>
            <ui.Widget {...widgetProps(field, { value, record: { currency: "EUR" }, expanded: { id: 1, title: "Acme" } })} />
          </form>,
        );
        expect(container.querySelector("#f-field_a")).not.toBeNull();
        const values = posted(container.querySelector("form")!, "field_a");
        const result = ui.fromFormData(values, field);
        if (computed) {
          expect(values).toEqual([]);
          expect(result).toEqual({ ok: true, value: undefined });
        } else if (typeof value === "string" && value === "") {
          expect(result).toEqual({ ok: true, value: null });
        } else {
          expect(result.ok).toBe(true);
          expect(asPosted(result.ok ? result.value : undefined)).toEqual(asPosted(value));
        }
      });

      it("posts null when empty and reads it back", () => {
        const field = compiledField("field_b", kindSamples[kind].minimal);
        const { container } = render(
          <form>
            <ui.Widget {...widgetProps(field)} />
          </form>,
        );
        const result = ui.fromFormData(posted(container.querySelector("form")!, "field_b"), field);
        const empty = computed ? undefined : kind === "boolean" ? false : kind === "multiselect" ? [] : null;
        expect(result).toEqual({ ok: true, value: empty });
      });

      it("renders a read-only control that still posts its value", () => {
        const [first] = cases;
        const field = compiledField("field_c", first.def);
        const { container } = render(
          <form>
            <ui.Widget {...widgetProps(field, { value: first.value, readOnly: true, record: { currency: "EUR" } })} />
          </form>,
        );
        const controls = container.querySelectorAll("input:not([type=hidden]), select, textarea");
        for (const control of controls) {
          const editable = !(control as HTMLInputElement).readOnly && !(control as HTMLInputElement).disabled;
          expect(editable, `${kind} control ${control.outerHTML}`).toBe(false);
        }
        if (!computed)
          expect(ui.fromFormData(posted(container.querySelector("form")!, "field_c"), field)).toEqual({
            ok: true,
            value: first.value === "" ? null : first.value,
          });
      });

      it("renders a list cell", () => {
        const [first] = cases;
        const field = compiledField("field_d", first.def);
        const { container } = render(
          <ui.Cell field={field} value={first.value} record={{}} format={{ locale: "en-US" }} expanded={{ id: 1, title: "Acme" }} />,
        );
        expect(container.firstElementChild?.className).toMatch(/tf-cell/);
      });

      it("reads its settings in the schema designer back as the definition has them", () => {
        const place = { schema: { $schema: "https://json-schema.org/draft/2020-12/schema" as const, $defs: {} }, table: "things" };
        for (const { field } of kindSamples[kind].cases) {
          const written = ui.settings.write(ui.settings.read(field), place, {});
          for (const [keyword, value] of Object.entries(written))
            if (value !== undefined) expect(value, `${kind} ${keyword}`).toEqual(field[keyword as keyof typeof field]);
        }
      });

      it("marks the control invalid and points at the card's message", () => {
        const field = compiledField("field_e", kindSamples[kind].minimal);
        const { container } = render(<ui.Widget {...widgetProps(field, { error: "Needed", errorId: "field_e-error" })} />);
        const invalid = container.querySelector("[aria-invalid=true]");
        expect(invalid).not.toBeNull();
        expect(invalid!.getAttribute("aria-describedby")).toContain("field_e-error");
      });
    });
  }
});
