import { GRID_COLUMNS, type ControlElement, type HorizontalLayoutElement } from "@runtime/layouts/types";

/** The card renders a control without a width at 6 columns (see card `field-control.tsx`). */
export const UNSET_WIDTH = 6;

export function widthOf(control: ControlElement): number {
  return control.options?.width ?? UNSET_WIDTH;
}

export function setWidth(control: ControlElement, width: number): void {
  control.options = { ...control.options, width };
}

export function checkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1 || width > GRID_COLUMNS)
    throw new Error(`a field's width is a whole number of columns from 1 to ${GRID_COLUMNS}, got ${String(width)}`);
}

/** A cell dropped into a row of `cellsAfter` cells starts with an equal share, not its old width. */
export function shareFor(cellsAfter: number, wanted: number): number {
  return Math.max(1, Math.min(wanted, Math.floor(GRID_COLUMNS / cellsAfter)));
}

/**
 * Makes a row fit the 12-column grid, keeping `keep` at the width it was just given. Mutates the
 * row (a draft) and returns the cells that had to leave it, for a new row just below.
 *
 * Rebalancing: every cell gets an explicit width; while the row is wider than 12, the widest
 * other cell loses a column (the rightmost of equals), never going below 1. When even that cannot
 * make room (the kept cell leaves less than a column per other cell), the other cells move
 * together to a new row below, which is then fitted the same way.
 */
export function fitRow(row: HorizontalLayoutElement, keep?: ControlElement): ControlElement[] {
  const controls = row.elements.filter((e): e is ControlElement => e.type === "Control");
  for (const c of controls) setWidth(c, Math.min(widthOf(c), GRID_COLUMNS));
  const others = controls.filter((c) => c !== keep);
  const keptWidth = keep ? widthOf(keep) : 0;
  if (keptWidth + others.length > GRID_COLUMNS || (!keep && others.length > GRID_COLUMNS)) {
    // Too many cells for one row: keep what fits at one column each, the rest go below.
    const stay = keep ? [] : others.slice(0, GRID_COLUMNS);
    const leave = others.filter((c) => !stay.includes(c));
    row.elements = row.elements.filter((e) => !leave.includes(e as ControlElement));
    shrink(stay, GRID_COLUMNS - keptWidth);
    return leave;
  }
  shrink(others, GRID_COLUMNS - keptWidth);
  return [];
}

function shrink(cells: ControlElement[], room: number): void {
  let total = cells.reduce((sum, c) => sum + widthOf(c), 0);
  while (total > room) {
    let widest = cells[0];
    for (const c of cells) if (widthOf(c) >= widthOf(widest)) widest = c;
    setWidth(widest, widthOf(widest) - 1);
    total--;
  }
}

export function rowWidth(row: HorizontalLayoutElement): number {
  return row.elements.reduce((sum, e) => sum + (e.type === "Control" ? widthOf(e) : 0), 0);
}
