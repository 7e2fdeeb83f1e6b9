import type { Knex } from "knex";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import type { TemplatesService } from "../print/templates.server";
import type { JsonValue } from "../json";
import type { CompiledSchema } from "../schema/compile";
import { indexAdviceForViews, type ViewIndexAdvice } from "../search/index-advice.server";

/** What refers to fields from outside the schema: the schema designer's impact review reads these. */
export interface DesignerContext {
  /** Stored (custom) card layouts by table key; tables on the default card have none to break. */
  layouts: Record<string, unknown>;
  views: { id: string; name: string; tableId: string; state: JsonValue }[];
  templates: { id: string; name: string; table: string; html: string }[];
  advice: ViewIndexAdvice[];
}

function parse(text: string): JsonValue {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function loadDesignerContext(
  db: Knex,
  compiled: CompiledSchema,
  templates: Pick<TemplatesService, "list">,
): Promise<DesignerContext> {
  const [layoutRows, viewRows, templateList, advice] = await Promise.all([
    db(SYSTEM_TABLES.layouts).select("table_id", "layout") as Promise<{ table_id: string; layout: string }[]>,
    db(SYSTEM_TABLES.views).select("id", "table_id", "name", "state") as Promise<
      { id: number; table_id: string; name: string; state: string }[]
    >,
    templates.list(),
    indexAdviceForViews(db, compiled),
  ]);
  const layouts: Record<string, unknown> = {};
  for (const row of layoutRows) {
    const table = compiled.tablesById.get(row.table_id);
    if (table) layouts[table.key] = parse(row.layout);
  }
  return {
    layouts,
    views: viewRows.map((v) => ({ id: String(v.id), name: v.name, tableId: v.table_id, state: parse(v.state) })),
    templates: templateList.map((t) => ({ id: t.id, name: t.name, table: t.table, html: t.html })),
    advice,
  };
}
