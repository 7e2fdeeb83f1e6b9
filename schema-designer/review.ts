import type { SchemaProblem, WorkspaceSchema } from "@runtime/schema/types";

/** A step as the plan API answers it. */
export interface PlanStepSummary {
  op: string;
  destructive: boolean;
  description: string;
}

/** The dry run of a kind change: values that would not convert. */
export interface ConversionReport {
  table: string;
  field: string;
  total: number;
  failures: { id: number; value: unknown; error: string }[];
}

export interface DuplicateReport {
  table: string;
  fields: string[];
  values: { value: unknown[]; count: number }[];
}

export interface ReviewLine {
  text: string;
  destructive: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const shown = (v: unknown) =>
  v === null || v === undefined || v === "" ? "(empty)" : typeof v === "string" ? `“${v}”` : JSON.stringify(v);

/** One sentence per planned step; nothing to do says so rather than showing an empty list. */
export function describePlan(steps: PlanStepSummary[]): ReviewLine[] {
  if (steps.length === 0)
    return [{ text: "Nothing changes in the database: the draft only changes labels or order, or nothing at all.", destructive: false }];
  return steps.map((s) => ({ text: `${s.description}.`.replace(/\.\.$/, "."), destructive: s.destructive }));
}

/** What stops the apply: values that would not convert, duplicates under a new unique rule. */
export function describeBlockers(conversions: ConversionReport[], duplicates: DuplicateReport[]): string[] {
  const out: string[] = [];
  for (const c of conversions) {
    const examples = c.failures
      .slice(0, 5)
      // The kinds' messages usually quote the value already; say it once.
      .map((f) => `record #${f.id} ${f.error.includes(String(f.value)) ? "" : `${shown(f.value)}: `}${f.error}`.replace("  ", " "))
      .join("; ");
    out.push(
      `${plural(c.total, "record", "records")} of ${c.table} would not convert in “${c.field}” (${examples}${c.total > 5 ? "; …" : ""}). ` +
        `Fix or clear ${c.total === 1 ? "that value" : "those values"} first, or keep the current kind.`,
    );
  }
  for (const d of duplicates) {
    const values = d.values.map((v) => `${v.value.map(shown).join(" + ")} (${v.count} times)`).join(", ");
    out.push(
      `${d.table}.${d.fields.join("+")} cannot be made unique: ${values} occur more than once. Change or clear the duplicates first.`,
    );
  }
  return out;
}

export interface ProblemPlace {
  table?: string;
  field?: string;
  /** The problem in words, naming the table and field by their labels. */
  text: string;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * Where a validation problem belongs on the screen: `/$defs/clients/properties/region/enum` is the
 * field region of clients. Problems outside any table (groups, the document) have no place.
 */
export function locateProblem(schema: WorkspaceSchema, problem: SchemaProblem): ProblemPlace {
  const parts = problem.path.split("/").slice(1).map(unescape);
  const message = problem.message.replace(/^\s*(must\b)/, "it $1");
  if (parts[0] !== "$defs" || parts.length < 2) return { text: message };
  const table = parts[1];
  const t = Object.hasOwn(schema.$defs, table) ? schema.$defs[table] : undefined;
  const tableLabel = t?.["x-plural"] ?? t?.title ?? table;
  if (parts[2] === "properties" && parts[3] !== undefined) {
    const field = parts[3];
    const f = t && Object.hasOwn(t.properties, field) ? t.properties[field] : undefined;
    const option = parts.length > 4 ? ` (setting ${parts.slice(4).join(".")})` : "";
    return { table, field, text: `Field “${f?.title ?? field}” of ${tableLabel}${option}: ${message}` };
  }
  const where = parts.length > 2 ? ` (${parts.slice(2).join(".")})` : "";
  return { table, text: `Table ${tableLabel}${where}: ${message}` };
}
