import type { DiagramModel, DiagramRelation, DiagramTable } from "./diagram-model";

/** Sizes in SVG user units (pixels at 100%). */
export const DIAGRAM_METRICS = {
  boxWidth: 232,
  headerHeight: 32,
  rowHeight: 20,
  boxPadding: 8,
  /** Between columns: room for the arrows and their labels. */
  columnGap: 150,
  rowGap: 32,
  margin: 24,
} as const;

export interface Point {
  x: number;
  y: number;
}

export interface DiagramBox {
  table: DiagramTable;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Column: a table stands to the right of every table it points at (cycles aside). */
  layer: number;
}

export interface DiagramEdge {
  relation: DiagramRelation;
  /** Start at the relation field's row, end at the target box. */
  from: Point;
  to: Point;
  /** An SVG path (`M … C …`) from `from` to `to`. */
  path: string;
  /** Where the label sits: beside the field it starts from. */
  label: Point;
  labelAnchor: "start" | "end";
}

export interface DiagramLayout {
  boxes: DiagramBox[];
  edges: DiagramEdge[];
  width: number;
  height: number;
}

const M = DIAGRAM_METRICS;

export function boxHeight(table: DiagramTable): number {
  return M.headerHeight + table.fields.length * M.rowHeight + M.boxPadding;
}

/** The y of the middle of a field's row inside its box. */
function rowY(box: DiagramBox, fieldKey: string): number {
  const i = box.table.fields.findIndex((f) => f.key === fieldKey);
  return box.y + M.headerHeight + (Math.max(i, 0) + 0.5) * M.rowHeight;
}

/**
 * Longest-path layering over "points at": tables nothing points from sit in column 0, each other
 * table one column right of its furthest target. Relations that close a cycle (and self-relations)
 * are ignored for layering; they are still drawn.
 */
export function layersOf(model: DiagramModel): Map<string, number> {
  const targets = new Map<string, string[]>(model.tables.map((t) => [t.key, []]));
  for (const r of model.relations) if (r.from !== r.to) targets.get(r.from)?.push(r.to);
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (key: string): number => {
    const known = layer.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return -1; // a cycle: this edge does not push the table right
    visiting.add(key);
    let deepest = -1;
    for (const t of targets.get(key) ?? []) deepest = Math.max(deepest, visit(t));
    visiting.delete(key);
    layer.set(key, deepest + 1);
    return deepest + 1;
  };
  for (const t of model.tables) visit(t.key);
  return layer;
}

/**
 * Places tables in columns by layer and, inside a column, in the order of the average position of
 * what they point at (so arrows cross less), stacked without overlap; then routes one curved arrow
 * per relation. Pure and deterministic: the same schema always gives the same picture.
 */
export function layoutDiagram(model: DiagramModel): DiagramLayout {
  const layers = layersOf(model);
  const columns: DiagramTable[][] = [];
  for (const t of model.tables) (columns[layers.get(t.key)!] ??= []).push(t);
  const schemaOrder = new Map(model.tables.map((t, i) => [t.key, i]));
  const positionOf = new Map<string, number>();
  const boxes = new Map<string, DiagramBox>();
  const incomingCount = (key: string) => model.relations.filter((r) => r.to === key && r.from !== key).length;

  let x = M.margin;
  let height = 0;
  columns.forEach((column, layer) => {
    const score = (t: DiagramTable) => {
      const placed = model.relations.filter((r) => r.from === t.key && positionOf.has(r.to)).map((r) => positionOf.get(r.to)!);
      return placed.length ? placed.reduce((a, b) => a + b, 0) / placed.length : Number.MAX_SAFE_INTEGER;
    };
    // Column 0 holds what others point at most first; tables nothing relates to go to its end.
    const ordered =
      layer === 0
        ? [...column].sort((a, b) => incomingCount(b.key) - incomingCount(a.key) || schemaOrder.get(a.key)! - schemaOrder.get(b.key)!)
        : [...column].sort((a, b) => score(a) - score(b) || schemaOrder.get(a.key)! - schemaOrder.get(b.key)!);
    let y = M.margin;
    for (const table of ordered) {
      const box: DiagramBox = { table, x, y, width: M.boxWidth, height: boxHeight(table), layer };
      boxes.set(table.key, box);
      positionOf.set(table.key, y + box.height / 2);
      y += box.height + M.rowGap;
    }
    height = Math.max(height, y - M.rowGap + M.margin);
    x += M.boxWidth + M.columnGap;
  });
  const width = x - M.columnGap + M.margin;

  // Arrows point at the table, not at one of its fields: they end on the header, spread over it in
  // the order their sources stand so they stay apart.
  const incoming = new Map<string, DiagramRelation[]>();
  for (const r of model.relations) (incoming.get(r.to) ?? incoming.set(r.to, []).get(r.to)!).push(r);
  const slotOf = new Map<DiagramRelation, number>();
  for (const [to, list] of incoming) {
    const target = boxes.get(to)!;
    const sorted = [...list].sort((a, b) => rowY(boxes.get(a.from)!, a.field) - rowY(boxes.get(b.from)!, b.field));
    const top = target.y + 6;
    const span = M.headerHeight - 12;
    sorted.forEach((r, i) => slotOf.set(r, sorted.length === 1 ? target.y + M.headerHeight / 2 : top + (span * i) / (sorted.length - 1)));
  }

  const edges = model.relations.map((relation): DiagramEdge => {
    const source = boxes.get(relation.from)!;
    const target = boxes.get(relation.to)!;
    const y1 = rowY(source, relation.field);
    const y2 = slotOf.get(relation)!;
    if (source.layer > target.layer) {
      const from = { x: source.x, y: y1 };
      const to = { x: target.x + target.width, y: y2 };
      const bend = Math.max(40, (from.x - to.x) / 2);
      return {
        relation,
        from,
        to,
        path: `M ${from.x} ${y1} C ${from.x - bend} ${y1}, ${to.x + bend} ${y2}, ${to.x} ${y2}`,
        label: { x: from.x - 6, y: y1 - 4 },
        labelAnchor: "end",
      };
    }
    if (source.layer < target.layer) {
      const from = { x: source.x + source.width, y: y1 };
      const to = { x: target.x, y: y2 };
      const bend = Math.max(40, (to.x - from.x) / 2);
      return {
        relation,
        from,
        to,
        path: `M ${from.x} ${y1} C ${from.x + bend} ${y1}, ${to.x - bend} ${y2}, ${to.x} ${y2}`,
        label: { x: from.x + 6, y: y1 - 4 },
        labelAnchor: "start",
      };
    }
    // Same column (a self-relation, or a cycle): a loop out to the right, into the gap.
    const from = { x: source.x + source.width, y: y1 };
    const to = { x: target.x + target.width, y: y2 };
    const out = from.x + 60;
    return {
      relation,
      from,
      to,
      path: `M ${from.x} ${y1} C ${out} ${y1}, ${out} ${y2}, ${to.x} ${y2}`,
      label: { x: from.x + 6, y: y1 - 4 },
      labelAnchor: "start",
    };
  });

  return { boxes: model.tables.map((t) => boxes.get(t.key)!), edges, width, height };
}
