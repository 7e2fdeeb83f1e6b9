// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderLiquid } from "../../print/render-html";
import { compileSchema } from "../../schema/compile";
import type { FieldSchema } from "../../schema/types";
import { compiledField, widgetProps } from "../ui/test-fields";
import { ratingKind } from "./index";
import { samples } from "./samples";
import { ratingUi } from "./ui";

afterEach(cleanup);

const five: FieldSchema = samples.minimal;
const ten: FieldSchema = samples.cases[1].field;

describe("rating", () => {
  it("reads a number or drawn stars, within the field's stars", () => {
    expect(ratingKind.parseText("4", five)).toEqual({ ok: true, value: 4 });
    expect(ratingKind.parseText(" ★★★★ ", five)).toEqual({ ok: true, value: 4 });
    expect(ratingKind.parseText("★★☆☆☆", five)).toEqual({ ok: true, value: 2 });
    expect(ratingKind.parseText("", five)).toEqual({ ok: true, value: null });
    expect(ratingKind.parseText("8", ten)).toEqual({ ok: true, value: 8 });
    expect(ratingKind.parseText("6", five)).toMatchObject({ ok: false, error: '"6" is not a rating from 1 to 5 stars' });
    expect(ratingKind.parseText("☆★", five).ok).toBe(false);
    expect(ratingKind.parseText("good", five)).toMatchObject({
      ok: false,
      error: '"good" is not a rating: write a whole number from 1 to 5, or stars such as ★★★★',
    });
  });

  it("shows and prints as filled and empty stars", () => {
    expect(ratingKind.formatDisplay(3, five, { locale: "en-GB" })).toBe("★★★☆☆");
    expect(ratingKind.formatDisplay(10, ten, { locale: "en-GB" })).toBe("★★★★★★★★★★");
    const schema = compileSchema({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $defs: { reviews: { type: "object", "x-id": "t_reviews", properties: { stars: five } } },
    });
    const context = { record: { stars: 4 }, company: null, today: "2026-12-04", template: { id: "t", name: "Review", table: "reviews" } };
    expect(renderLiquid('{{ record.stars | display: "stars" }}', context, { compiled: schema })).toBe("★★★★☆");
  });

  it("filters like a number", () => {
    expect(ratingKind.valueClass).toBe("number");
    expect(ratingKind.filterOperators).toContain("gte");
  });

  it("is a group of radio buttons, one a star, with none to clear it", () => {
    const onChange = vi.fn();
    render(<ratingUi.Widget {...widgetProps(compiledField("stars", five), { value: 2, onChange })} />);
    const group = screen.getByRole("radiogroup");
    expect(group.id).toBe("f-stars");
    const radios = screen.getAllByRole("radio") as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual(["", "1", "2", "3", "4", "5"]);
    expect(radios.every((r) => r.name === "stars")).toBe(true);
    expect(screen.getByRole("radio", { name: "2 stars" })).toHaveProperty("checked", true);
    fireEvent.click(screen.getByRole("radio", { name: "4 stars" }));
    expect(onChange).toHaveBeenLastCalledWith(4);
    fireEvent.click(screen.getByRole("radio", { name: "None" }));
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it("offers no way to clear a required rating", () => {
    render(<ratingUi.Widget {...widgetProps(compiledField("stars", ten), { required: true })} />);
    expect(screen.getAllByRole("radio")).toHaveLength(10);
  });

  it("takes its number of stars in the schema designer, empty for five", () => {
    const place = { schema: { $schema: "https://json-schema.org/draft/2020-12/schema" as const, $defs: {} }, table: "reviews" };
    expect(ratingUi.settings.read(five)).toEqual({ stars: "" });
    expect(ratingUi.settings.write({ stars: "" }, place, {})).toEqual({ "x-max": undefined });
    expect(ratingUi.settings.write({ stars: "7" }, place, {})).toEqual({ "x-max": 7 });
    const problems: Record<string, string> = {};
    ratingUi.settings.write({ stars: "20" }, place, problems);
    expect(problems).toEqual({ stars: "Stars must be a whole number from 3 to 10" });
  });
});
