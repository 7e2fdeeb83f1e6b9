import type { CompiledSchema, CompiledTable } from "@runtime/schema/compile";
import { compositionLists, emptyLine, type Line, type Lines } from "./card-values";

/** Line operations: pure, so the grid (with JavaScript) and the action (without) do the same thing. */
export function addLine(lines: Line[], line: Line): Line[] {
  return [...lines, line];
}

export function removeLine(lines: Line[], index: number): Line[] {
  return lines.filter((_, i) => i !== index);
}

export function moveLine(lines: Line[], index: number, delta: -1 | 1): Line[] {
  const to = index + delta;
  if (index < 0 || index >= lines.length || to < 0 || to >= lines.length) return lines;
  const out = [...lines];
  [out[index], out[to]] = [out[to], out[index]];
  return out;
}

/** The `_intent` a line button posts, e.g. `line-up:items:2`. */
export function lineIntent(op: "add" | "remove" | "up" | "down", list: string, index?: number): string {
  return index === undefined ? `line-${op}:${list}` : `line-${op}:${list}:${index}`;
}

/** A posted line button applied to the lines, or null when the intent is not a line operation. */
export function applyLineIntent(intent: string, lists: Lines, schema: CompiledSchema, table: CompiledTable): Lines | null {
  const m = /^line-(add|remove|up|down):([A-Za-z0-9_]+)(?::(\d+))?$/.exec(intent);
  if (!m) return null;
  const list = compositionLists(table).find((l) => l.name === m[2]);
  if (!list) return null;
  const lines = lists[list.name] ?? [];
  const index = Number(m[3] ?? -1);
  const next =
    m[1] === "add"
      ? addLine(lines, emptyLine(schema, list))
      : m[1] === "remove"
        ? removeLine(lines, index)
        : moveLine(lines, index, m[1] === "up" ? -1 : 1);
  return { ...lists, [list.name]: next };
}
