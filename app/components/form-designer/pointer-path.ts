import type { ElementPath } from "@form-designer/paths";

/**
 * The element a JSON Pointer of a save problem points into (`/elements/0/elements/2/x-field` →
 * [0, 2]), to name its place on the card; null when it points at the card itself.
 */
export function pathFromPointer(pointer: string): ElementPath | null {
  const parts = pointer.split("/").filter(Boolean);
  const path: number[] = [];
  for (let i = 0; i < parts.length - 1; i++) if (parts[i] === "elements" && /^\d+$/.test(parts[i + 1])) path.push(Number(parts[i + 1]));
  return path.length ? path : null;
}
