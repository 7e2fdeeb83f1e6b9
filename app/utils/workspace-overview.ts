import { USERS_TABLE, type FieldKind, type FieldSchema, type WorkspaceSchema } from "@runtime/schema/types";
import { formulaSource, isAutonumber, relationTarget } from "@runtime/fields/structure";
import { buildNavigation, tableLabel } from "./navigation";

export interface FieldSummary {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  /** Where a relation points; `onOverview` is false for the built-in users table. */
  target?: { key: string; label: string; onOverview: boolean };
  /** A formula's expression or an autonumber's pattern: what the engine computes. */
  expression?: string;
}

export interface TableSummary {
  key: string;
  label: string;
  description?: string;
  /** Null when the runtime reported no count for the table. */
  recordCount: number | null;
  fields: FieldSummary[];
}

export interface OverviewSection {
  key: string;
  title: string;
  tables: TableSummary[];
}

/** The overview page as data: navigation order, each table with its count and fields. */
export function buildOverview(schema: WorkspaceSchema, counts: Record<string, number>): OverviewSection[] {
  return buildNavigation(schema).map((section) => ({
    key: section.key,
    title: section.title,
    tables: section.tables.map(({ key, label }) => {
      const table = schema.$defs[key];
      const required = new Set(table.required ?? []);
      return {
        key,
        label,
        description: table.description,
        recordCount: typeof counts[key] === "number" ? counts[key] : null,
        fields: Object.entries(table.properties).map(([fieldKey, field]) =>
          summarizeField(fieldKey, field, required.has(fieldKey), schema),
        ),
      };
    }),
  }));
}

export function summarizeField(key: string, field: FieldSchema, required: boolean, schema: WorkspaceSchema): FieldSummary {
  const summary: FieldSummary = { key, label: field.title ?? key, kind: field["x-kind"], required };
  const target = relationTarget(field);
  if (target !== undefined) {
    summary.target = { key: target, label: relationTargetLabel(target, schema), onOverview: target in schema.$defs };
  }
  const expression = formulaSource(field) ?? (isAutonumber(field) ? field["x-pattern"] : undefined);
  if (expression !== undefined) summary.expression = expression;
  return summary;
}

function relationTargetLabel(target: string, schema: WorkspaceSchema): string {
  const table = schema.$defs[target];
  if (table !== undefined) return tableLabel(target, table);
  return target === USERS_TABLE ? "Users" : target;
}

/** Total of the known record counts, for the page summary. */
export function totalRecords(sections: OverviewSection[]): number {
  return sections.flatMap((s) => s.tables).reduce((sum, t) => sum + (t.recordCount ?? 0), 0);
}
