import { holdsEmailAddress, isYesNo } from "../fields/registry";
import { isComposition, isRelation, relationTarget } from "../fields/structure";
import type { Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { CompiledSchema, CompiledTable } from "../schema/compile";

type Rec = Record<string, unknown>;

const emailKey = (table: CompiledTable) => table.fields.find((f) => holdsEmailAddress(f.def))?.key;
const filled = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/**
 * Whom a card's message goes to by default: the record's own address, else that of a record it
 * points at (an invoice's client), else that of the first record pointing at that one (the
 * client's contact, its primary one first when the table marks one). The schema decides, through
 * the field-kind registry; the actor's rights apply to every read. Empty when none is found.
 */
export async function defaultRecipient(
  actor: Actor,
  records: Pick<RecordsService, "list">,
  compiled: CompiledSchema,
  table: CompiledTable,
  record: Rec,
): Promise<string> {
  const own = emailKey(table);
  if (own && filled(record[own])) return record[own].trim();
  const parties: { table: CompiledTable; id: number }[] = [];
  for (const f of table.fields) {
    const target = isRelation(f) ? compiled.tablesByKey.get(relationTarget(f) ?? "") : undefined;
    const linked = record[f.key];
    if (!target || typeof linked !== "object" || linked === null) continue;
    const key = emailKey(target);
    if (key && filled((linked as Rec)[key])) return ((linked as Rec)[key] as string).trim();
    parties.push({ table: target, id: Number((linked as Rec).id) });
  }
  for (const party of parties)
    for (const other of compiled.tables) {
      const key = emailKey(other);
      const pointer = other.fields.find((f) => isRelation(f) && !isComposition(f) && relationTarget(f) === party.table.key);
      if (!key || !pointer) continue;
      const primary = other.fields.find((f) => isYesNo(f.def) && /primary/i.test(`${f.key} ${f.label}`));
      const found = await records
        .list(actor, other.key, {
          filter: {
            and: [
              { field: pointer.key, op: "eq", value: party.id },
              { field: key, op: "notEmpty" },
            ],
          },
          sort: primary ? `-${primary.key}` : "id",
          pageSize: 1,
        })
        .catch(() => ({ rows: [] as Rec[] }));
      const address = found.rows[0]?.[key];
      if (filled(address)) return address.trim();
    }
  return "";
}
