import { relationTarget } from "../fields/structure";
import { USERS_TABLE, type WorkspaceSchema } from "./types";

/**
 * The part of a workspace a card of `tableKey` needs: the table, the tables whose records point
 * at it (its related lists and lines) and, for lines, the tables pointing at those (their own
 * lists, for formulas), plus the tables those point at and the tables those point at in turn
 * (relation pickers show the target's title field and create a target record inline). Compiling it gives the card's table the same fields and lists as the whole workspace
 * would; the rest of the workspace stays on the server instead of riding in every card page.
 */
export function schemaAround(schema: WorkspaceSchema, tableKey: string): WorkspaceSchema {
  const defs = schema.$defs;
  if (!Object.hasOwn(defs, tableKey)) return { ...schema, $defs: {} };
  const pointingAt = (target: string) =>
    Object.keys(defs).filter((key) => Object.values(defs[key].properties).some((f) => relationTarget(f) === target));
  const targetsOf = (key: string) =>
    Object.values(defs[key].properties)
      .map(relationTarget)
      .filter((t): t is string => t !== undefined && t !== USERS_TABLE && Object.hasOwn(defs, t));

  const keep = new Set([tableKey]);
  const children = pointingAt(tableKey);
  children.forEach((c) => keep.add(c));
  for (const child of children) {
    const composition = Object.values(defs[child].properties).some((f) => f["x-composition"] === true && f["x-target"] === tableKey);
    if (composition) pointingAt(child).forEach((g) => keep.add(g));
  }
  // Two steps out: a record created inline from a picker asks for its own required relations.
  for (let step = 0; step < 2; step++) for (const key of [...keep]) targetsOf(key).forEach((t) => keep.add(t));
  // In the workspace's own order, so the compiled tables come out in the same order.
  return { ...schema, $defs: Object.fromEntries(Object.entries(defs).filter(([key]) => keep.has(key))) };
}
