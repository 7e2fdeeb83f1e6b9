import { mayDo, type Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { CompiledSchema } from "../schema/compile";

export interface SearchGroup {
  table: string;
  label: string;
  total: number;
  totalExact: boolean;
  rows: { id: number; title: string }[];
}

/**
 * One box for the whole CRM: each table with a title and a search index (clients, contacts,
 * contracts, invoices by number…) searched through the records service, so permissions apply.
 * Lines of a document (compositions) are found through their document, not listed on their own.
 */
export async function globalSearch(
  records: RecordsService,
  schema: CompiledSchema,
  actor: Actor,
  q: string,
  perTable = 5,
): Promise<SearchGroup[]> {
  const text = q.trim().slice(0, 200);
  if (!text) return [];
  const tables = schema.tables
    .filter((t) => t.search && t.titleField && !t.parent && mayDo(actor, "read", t))
    .sort((a, b) => (a.def["x-order"] ?? 0) - (b.def["x-order"] ?? 0));
  const groups: SearchGroup[] = [];
  for (const t of tables) {
    const found = await records.list(actor, t.key, { q: text, pageSize: perTable });
    if (found.rows.length === 0) continue;
    groups.push({
      table: t.key,
      label: t.pluralLabel,
      total: found.total,
      totalExact: found.totalExact,
      rows: found.rows.map((r) => ({ id: r.id, title: String(r[t.titleField!] ?? `${t.label} #${r.id}`) })),
    });
  }
  return groups;
}
