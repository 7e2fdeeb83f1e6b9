import type { CompiledField, CompiledSchema, CompiledTable } from "../schema/compile";
import type { CardLayout, CategoryElement, ControlElement, LayoutElement, LayoutNotice } from "./types";
import { controlKey, scopeOf } from "./scope";
import { layoutNotice } from "./layout-words";

export interface ResolvedLayout {
  layout: CardLayout;
  /** Cells dropped because their field or list is gone; the admin should see these. */
  notices: LayoutNotice[];
  /** Fields of the table that the layout does not place anywhere. */
  unplaced: CompiledField[];
}

interface Walk {
  table: CompiledTable;
  schema?: CompiledSchema;
  notices: LayoutNotice[];
  placed: Set<string>;
}

/**
 * The layout as the card renders it today: controls follow renamed fields by id (their scope is
 * rewritten), controls of removed fields and lists that no longer exist are dropped with a notice.
 */
export function resolveLayout(layout: CardLayout, table: CompiledTable, schema?: CompiledSchema): ResolvedLayout {
  const walk: Walk = { table, schema, notices: [], placed: new Set() };
  const resolved: CardLayout =
    layout.type === "Categorization"
      ? {
          type: "Categorization",
          elements: layout.elements.map((c, i): CategoryElement => ({
            ...c,
            elements: resolveElements(c.elements, `/elements/${i}/elements`, walk),
          })),
        }
      : { type: "VerticalLayout", elements: resolveElements(layout.elements, "/elements", walk) };
  const unplaced = table.fields.filter((f) => !walk.placed.has(f.id));
  return { layout: resolved, notices: walk.notices, unplaced };
}

function fieldById(table: CompiledTable, id: string): CompiledField | undefined {
  return table.fields.find((f) => f.id === id);
}

function resolveElements(elements: LayoutElement[], path: string, walk: Walk): LayoutElement[] {
  const out: LayoutElement[] = [];
  elements.forEach((el, i) => {
    const at = `${path}/${i}`;
    switch (el.type) {
      case "Control": {
        const field = fieldById(walk.table, el["x-field"]);
        if (!field) {
          walk.notices.push(layoutNotice(at, "fieldRemoved", { field: controlKey(el), table: walk.table.pluralLabel }));
          return;
        }
        if (walk.placed.has(field.id)) {
          walk.notices.push(layoutNotice(at, "placedTwice", { field: field.label }));
          return;
        }
        walk.placed.add(field.id);
        out.push({ ...el, scope: scopeOf(field.key) } satisfies ControlElement);
        return;
      }
      case "RelatedList": {
        const list = walk.table.lists.find((l) => l.name === el.list);
        if (!list) {
          walk.notices.push(layoutNotice(at, "listGone", { list: el.list, table: walk.table.pluralLabel }));
          return;
        }
        const child = walk.schema?.tablesByKey.get(list.table);
        if (child && el.columns) {
          const known = el.columns.filter((id) => child.fields.some((f) => f.id === id));
          if (known.length !== el.columns.length) walk.notices.push(layoutNotice(`${at}/columns`, "columnsGone", { list: el.list }));
          out.push({ ...el, columns: known });
          return;
        }
        out.push(el);
        return;
      }
      case "HorizontalLayout":
      case "VerticalLayout":
      case "Group": {
        const inner = resolveElements(el.elements, `${at}/elements`, walk);
        // A row whose every cell went is noise; an emptied section still tells where things were.
        if (el.type === "HorizontalLayout" && inner.length === 0 && el.elements.length > 0) return;
        out.push({ ...el, elements: inner });
        return;
      }
      default:
        out.push(el);
    }
  });
  return out;
}

/**
 * Every problem that must stop a layout from being saved: controls and lists that do not exist,
 * and (given the workspace, which knows the child tables) related-list columns that do not.
 */
export function layoutFieldProblems(layout: CardLayout, table: CompiledTable, compiled?: CompiledSchema): LayoutNotice[] {
  const problems: LayoutNotice[] = [];
  const visit = (elements: LayoutElement[], path: string) =>
    elements.forEach((el, i) => {
      const at = `${path}/${i}`;
      if (el.type === "Control" && !fieldById(table, el["x-field"]))
        problems.push(layoutNotice(`${at}/x-field`, "noField", { table: table.pluralLabel, id: el["x-field"] }));
      if (el.type === "RelatedList") {
        const list = table.lists.find((l) => l.name === el.list);
        if (!list) problems.push(layoutNotice(`${at}/list`, "noList", { table: table.pluralLabel, list: el.list }));
        const child = list && compiled ? compiled.tablesByKey.get(list.table) : undefined;
        (el.columns ?? []).forEach((id, c) => {
          if (child && !child.fields.some((f) => f.id === id))
            problems.push(layoutNotice(`${at}/columns/${c}`, "noColumn", { table: child.pluralLabel, id }));
        });
      }
      if ("elements" in el) visit(el.elements, `${at}/elements`);
    });
  if (layout.type === "Categorization") layout.elements.forEach((c, i) => visit(c.elements, `/elements/${i}/elements`));
  else visit(layout.elements, "/elements");
  return problems;
}

/** Controls of a layout, in reading order (tab by tab). */
export function layoutControls(layout: CardLayout): ControlElement[] {
  const out: ControlElement[] = [];
  const visit = (elements: LayoutElement[]) =>
    elements.forEach((el) => {
      if (el.type === "Control") out.push(el);
      else if ("elements" in el) visit(el.elements);
    });
  if (layout.type === "Categorization") layout.elements.forEach((c) => visit(c.elements));
  else visit(layout.elements);
  return out;
}
