import { describe, expect, it } from "vitest";
import { insertionPoint, type Placeable } from "./insertion-point";

/** A stand-in for a GrapesJS component: a type, a tag and a place in a tree. */
class Node implements Placeable {
  children: Node[] = [];
  up: Node | undefined;
  constructor(
    readonly name: string,
    readonly type: string,
    readonly tagName: string,
    readonly droppable = true,
  ) {}
  add(...kids: Node[]) {
    for (const k of kids) {
      k.up = this;
      this.children.push(k);
    }
    return this;
  }
  is(type: string) {
    return this.type === type;
  }
  parent() {
    return this.up;
  }
  index() {
    return this.up ? this.up.children.indexOf(this) : 0;
  }
  get(prop: string) {
    return prop === "tagName" ? this.tagName : prop === "droppable" ? this.droppable : undefined;
  }
}

const where = (p: { into: Node; at?: number }) => `${p.into.name}${p.at === undefined ? "" : `@${p.at}`}`;

function page() {
  const wrapper = new Node("wrapper", "wrapper", "body");
  const chip = new Node("chip", "tpl-field", "span", false);
  const bold = new Node("bold", "text", "strong");
  const boldChip = new Node("boldChip", "tpl-field", "span", false);
  const h1 = new Node("h1", "text", "h1").add(new Node("word", "textnode", ""), chip, bold.add(boldChip));
  const title = new Node("title", "default", "div").add(h1);
  const head = new Node("head", "default", "header").add(new Node("brand", "default", "div"), title);
  const cell = new Node("cell", "cell", "td");
  const table = new Node("table", "table", "table").add(
    new Node("tbody", "tbody", "tbody").add(new Node("row", "row", "tr").add(new Node("label", "cell", "td"), cell)),
  );
  const party = new Node("party", "default", "div").add(table);
  const column = new Node("column", "default", "div");
  wrapper.add(head, party, new Node("raw", "tpl-raw", "div"), column);
  return { wrapper, chip, boldChip, h1, cell, column, raw: wrapper.children[2] };
}

describe("where a palette block goes", () => {
  it("puts a paragraph after the heading whose chip is selected, not inside the heading", () => {
    const { wrapper, chip, boldChip } = page();
    expect(where(insertionPoint(chip, wrapper, "block"))).toBe("title@1");
    expect(where(insertionPoint(boldChip, wrapper, "block"))).toBe("title@1");
  });

  it("puts a line-items table after the page header whose title is selected, at full width", () => {
    const { wrapper, chip, cell, column } = page();
    expect(where(insertionPoint(chip, wrapper, "wide"))).toBe("wrapper@1");
    expect(where(insertionPoint(cell, wrapper, "wide"))).toBe("wrapper@2");
    expect(where(insertionPoint(column, wrapper, "wide"))).toBe("column");
  });

  it("puts a Field into selected text, or right after a selected chip in it", () => {
    const { wrapper, chip, h1 } = page();
    expect(where(insertionPoint(h1, wrapper, "inline"))).toBe("h1");
    expect(where(insertionPoint(chip, wrapper, "inline"))).toBe("h1@2");
  });

  it("keeps tables whole: a paragraph goes after the table, a Field into the selected cell", () => {
    const { wrapper, cell } = page();
    expect(where(insertionPoint(cell, wrapper, "block"))).toBe("party@1");
    expect(where(insertionPoint(cell, wrapper, "inline"))).toBe("cell");
  });

  it("fills a selected column, goes after a Liquid block, and to the end with nothing selected", () => {
    const { wrapper, column, raw } = page();
    expect(where(insertionPoint(column, wrapper, "block"))).toBe("column");
    expect(where(insertionPoint(raw, wrapper, "block"))).toBe("wrapper@3");
    expect(where(insertionPoint(undefined, wrapper, "block"))).toBe("wrapper");
    expect(where(insertionPoint(wrapper, wrapper, "inline"))).toBe("wrapper");
  });
});
