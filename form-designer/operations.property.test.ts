import fc from "fast-check";
import { WordedError } from "@runtime/i18n/words";
import { describe, expect, it } from "vitest";
import { defaultLayout } from "@runtime/layouts/default-layout";
import { layoutShapeProblems } from "@runtime/layouts/layout-schema";
import { layoutFieldProblems } from "@runtime/layouts/resolve-layout";
import type { CardLayout } from "@runtime/layouts/types";
import { resizeControl, setControlOptions } from "./control-options";
import { moveElement, removeElement } from "./move-element";
import { isContainer, listElements, type ElementPath } from "./paths";
import { addNote, addSeparator, placeField, placeRelatedList } from "./place-element";
import { unplacedFields } from "./palette";
import { rowWidth } from "./row-widths";
import { addSection, removeSection, renameSection } from "./sections";
import { addTab, moveTab, removeTab, renameTab } from "./tabs";
import { clients, deepFreeze, placedIds } from "./test-support";

const KINDS = [
  "move",
  "move",
  "move",
  "place",
  "place",
  "remove",
  "resize",
  "resize",
  "addTab",
  "renameTab",
  "moveTab",
  "removeTab",
  "addSection",
  "renameSection",
  "removeSection",
  "separator",
  "note",
  "relatedList",
  "options",
] as const;

interface Op {
  kind: (typeof KINDS)[number];
  a: number;
  b: number;
  c: number;
}

const op: fc.Arbitrary<Op> = fc.record({ kind: fc.constantFrom(...KINDS), a: fc.nat(1000), b: fc.nat(1000), c: fc.nat(1000) });

function pick<T>(items: T[], n: number): T | undefined {
  return items.length ? items[n % items.length] : undefined;
}

/** Every element path (tabs left out) and every gap of the layout, as the designer would offer them. */
function targets(layout: CardLayout) {
  const all = listElements(layout);
  const elements = all.filter(({ path }) => path.length >= (layout.type === "Categorization" ? 2 : 1));
  const gaps: ElementPath[] = [];
  const containers = [{ path: [] as ElementPath, element: layout }, ...all].filter(({ element }) => isContainer(element));
  for (const { path, element } of containers) {
    const length = (element as { elements: unknown[] }).elements.length;
    for (let i = 0; i <= length; i++) gaps.push([...path, i]);
  }
  return { elements, gaps };
}

function apply(layout: CardLayout, { kind, a, b, c }: Op): CardLayout {
  const { elements, gaps } = targets(layout);
  const el = pick(elements, a)?.path ?? [0, 0];
  const of = (type: string) =>
    pick(
      elements.filter((e) => e.element.type === type),
      a,
    )?.path ?? [0, 0];
  const gap = pick(gaps, b) ?? [0];
  const tabs = layout.type === "Categorization" ? layout.elements.length : 1;
  switch (kind) {
    case "move":
      return moveElement(layout, el, gap);
    case "place":
      return placeField(layout, clients, pick(unplacedFields(layout, clients), a)?.key ?? "name", gap);
    case "remove":
      return removeElement(layout, el);
    case "resize":
      return resizeControl(layout, of("Control"), 1 + (c % 12));
    case "addTab":
      return addTab(layout, `Tab ${c}`, b % (tabs + 1));
    case "renameTab":
      return renameTab(layout, a % tabs, `Renamed ${c}`);
    case "moveTab":
      return moveTab(layout, a % tabs, b % tabs);
    case "removeTab":
      return removeTab(layout, a % tabs, { contentTo: c % 2 ? "previous" : "palette" });
    case "addSection":
      return addSection(layout, gap, `Section ${c}`);
    case "renameSection":
      return renameSection(layout, of("Group"), `Section ${c}`);
    case "removeSection":
      return removeSection(layout, of("Group"), { keepContent: c % 2 === 0 });
    case "separator":
      return addSeparator(layout, gap);
    case "note":
      return addNote(layout, gap, `Note ${c}`);
    case "relatedList":
      return placeRelatedList(layout, pick(clients.lists, a)?.name ?? "contacts", gap);
    case "options":
      return setControlOptions(layout, of("Control"), { label: c % 3 ? `Label ${c}` : null, readOnly: c % 2 === 0 });
  }
}

function checkInvariants(layout: CardLayout): void {
  expect(layoutShapeProblems(layout)).toEqual([]);
  expect(layoutFieldProblems(layout, clients)).toEqual([]);
  const ids = placedIds(layout);
  expect(new Set(ids).size).toBe(ids.length);
  for (const { element } of listElements(layout)) {
    if (element.type !== "HorizontalLayout") continue;
    expect(element.elements.length).toBeGreaterThan(0);
    expect(rowWidth(element)).toBeLessThanOrEqual(12);
  }
  expect(ids.length + unplacedFields(layout, clients).length).toBe(clients.fields.length - (clients.parent ? 1 : 0));
}

describe("layout operations, as a random designer session", () => {
  it("keep the clients card valid, every field placed at most once, and never mutate their input", () => {
    let applied = 0;
    let tried = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 40, size: "max" }), (ops) => {
        let layout = deepFreeze(defaultLayout(clients));
        for (const o of ops) {
          tried++;
          let next: CardLayout;
          try {
            next = apply(layout, o);
          } catch (error) {
            // A target the operation refuses is fine, but only with our own clear message (a refusal
            // in the catalog's words, or a plain Error), never a TypeError from a bug.
            if (!(error instanceof WordedError) && (!(error instanceof Error) || error.constructor !== Error)) throw error;
            expect(error.message).not.toMatch(/undefined|Cannot (read|set|assign)|not a function|read only/);
            continue;
          }
          applied++;
          checkInvariants(next);
          layout = deepFreeze(next);
        }
      }),
      { numRuns: 120 },
    );
    // Most random targets must be accepted, or the property would only exercise refusals.
    expect(applied).toBeGreaterThan(tried / 2);
  });
});
