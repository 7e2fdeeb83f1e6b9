import { notFound } from "@runtime/errors";
import { valueKindOf } from "@runtime/fields/registry";
import type { CompiledTable } from "@runtime/schema/compile";
import { USERS_TABLE } from "@runtime/schema/types";
import { actorFor } from "../services/actor.server";
import { getRuntime, type Runtime } from "../services/runtime.server";
import { apiRoute } from "../utils/api.server";

export interface LookupRow {
  id: number;
  title: string;
}

const LIMIT = 20;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function titleSortable(table: CompiledTable): boolean {
  const f = table.titleField ? table.fieldsByKey.get(table.titleField) : undefined;
  if (!f) return false;
  return valueKindOf(f.def).sortable;
}

// Users are Tessera's own table, not a workspace table, so the records service does not serve them.
async function lookupUsers(runtime: Runtime, q: string): Promise<LookupRow[]> {
  const query = runtime
    .db(USERS_TABLE)
    .select("id", "name")
    .where("active", true)
    .orderBy([{ column: "name" }, { column: "id" }])
    .limit(LIMIT);
  // The escape character is bound, not written: MySQL reads the literal '\' as an open string.
  if (q) query.whereRaw("?? like ? escape ?", ["name", `%${escapeLike(q)}%`, "\\"]);
  const rows = (await query) as { id: number; name: string }[];
  return rows.map((r) => ({ id: Number(r.id), title: r.name }));
}

/** Candidates for a relation picker: `{ rows: [{ id, title }] }`, at most 20, by title. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => {
    const runtime = await getRuntime();
    const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 200);
    const target = params.target!;
    if (target === USERS_TABLE) return { rows: await lookupUsers(runtime, q) };

    const { compiled } = await runtime.workspace.current();
    const table = compiled.tablesByKey.get(target);
    if (!table) throw notFound(`there is no table "${target.slice(0, 64)}" to look up`);
    const sort = titleSortable(table) ? table.titleField! : undefined;
    const { rows } = await runtime.records.list(await actorFor(request), target, { q, sort, pageSize: LIMIT });
    const title = (r: Record<string, unknown>) => {
      const v = table.titleField ? r[table.titleField] : null;
      return v === null || v === undefined || v === "" ? `${table.label} #${r.id}` : String(v);
    };
    return { rows: rows.map((r) => ({ id: Number(r.id), title: title(r) })) };
  },
});
