import { isFormula, isRelation, relationTarget } from "../fields/structure";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { computeFormulas, listsUsedByFormulas } from "./compute";
import { splitInput, type LinesInput } from "./input";
import type { RecordJson } from "./rows";

/**
 * What a change means for stored formulas, decided without the database: which formula values
 * moved, and which records elsewhere aggregate over the changed ones (an invoice's total over its
 * lines, its paid amount over its payments). `recompute.server.ts` acts on it. Pure.
 */

/** The formula fields whose computed value differs from the stored one, with the new value. */
export function changedFormulas(
  table: CompiledTable,
  stored: Record<string, unknown>,
  computed: Record<string, unknown>,
): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const f of table.fields)
    if (isFormula(f) && JSON.stringify(computed[f.key]) !== JSON.stringify(stored[f.key])) changed[f.key] = computed[f.key];
  return changed;
}

/**
 * The records pointed at by `records` through a relation whose inverse list the target's
 * formulas aggregate over: they need their formulas computed again. In field order.
 */
export function aggregatingRecords(
  compiled: CompiledSchema,
  table: CompiledTable,
  records: Record<string, unknown>[],
): { table: CompiledTable; ids: number[] }[] {
  const out: { table: CompiledTable; ids: number[] }[] = [];
  for (const f of table.fields) {
    const inverse = f.def["x-inverse"];
    if (!isRelation(f) || !inverse) continue;
    const target = compiled.tablesByKey.get(relationTarget(f)!);
    if (!target || !listsUsedByFormulas(target).includes(inverse)) continue;
    const ids = [...new Set(records.map((r) => r[f.key]).filter((v): v is number => typeof v === "number"))];
    if (ids.length) out.push({ table: target, ids });
  }
  return out;
}

/**
 * A new record's composition lines as its own formulas aggregate over them: not stored yet, so
 * as sent, each with its formulas computed (`sum(items.amount)` needs each line's amount).
 */
export function linesAsSent(compiled: CompiledSchema, table: CompiledTable, lists: LinesInput): Record<string, RecordJson[]> {
  const out: Record<string, RecordJson[]> = {};
  for (const [name, items] of Object.entries(lists)) {
    const child = compiled.tablesByKey.get(table.lists.find((l) => l.name === name)!.table)!;
    out[name] = items.map((it) => computeFormulas(child, splitInput(child, it, {}).values, {}) as RecordJson);
  }
  return out;
}
