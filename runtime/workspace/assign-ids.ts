import { shortHash } from "../schema/compile";

/**
 * Gives every table and field that has no `x-id` a fresh one, so a schema written by hand (or by
 * an integration) can add tables and fields without inventing ids. Existing ids are kept: they are
 * what makes a rename a rename. Works on unknown input and returns a copy; the meta-schema check
 * runs afterwards and reports anything malformed.
 */
export function assignMissingIds(doc: unknown): unknown {
  if (!isObject(doc) || !isObject(doc.$defs)) return doc;
  const copy = structuredClone(doc) as Record<string, unknown> & { $defs: Record<string, unknown> };
  const taken = new Set<string>();
  walkIds(copy, taken);
  const fresh = (base: string) => {
    let id = base.length <= 63 ? base : `${base.slice(0, 48)}_${shortHash(base)}`;
    for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 56)}_${n}`;
    taken.add(id);
    return id;
  };
  for (const [tableKey, table] of Object.entries(copy.$defs)) {
    if (!isObject(table)) continue;
    if (table["x-id"] === undefined) table["x-id"] = fresh(`t_${tableKey}`);
    if (!isObject(table.properties)) continue;
    for (const [fieldKey, field] of Object.entries(table.properties)) {
      if (isObject(field) && field["x-id"] === undefined) field["x-id"] = fresh(`f_${tableKey}_${fieldKey}`);
    }
    if (Array.isArray(table["x-indexes"]))
      for (const ix of table["x-indexes"]) {
        if (isObject(ix) && ix["x-id"] === undefined && Array.isArray(ix.fields))
          ix["x-id"] = fresh(`i_${tableKey}_${ix.fields.join("_")}`);
      }
  }
  return copy;
}

function walkIds(doc: Record<string, unknown> & { $defs: Record<string, unknown> }, taken: Set<string>) {
  for (const table of Object.values(doc.$defs)) {
    if (!isObject(table)) continue;
    if (typeof table["x-id"] === "string") taken.add(table["x-id"]);
    if (isObject(table.properties))
      for (const field of Object.values(table.properties))
        if (isObject(field) && typeof field["x-id"] === "string") taken.add(field["x-id"]);
    if (Array.isArray(table["x-indexes"]))
      for (const ix of table["x-indexes"]) if (isObject(ix) && typeof ix["x-id"] === "string") taken.add(ix["x-id"]);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
