import { say, type Phrase, type Words } from "@runtime/i18n/words";
import type { SchemaProblem, WorkspaceSchema } from "@runtime/schema/types";
import { english, quoted } from "./words";

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
  failures: { id: number; value: unknown; error: string; words?: Phrase }[];
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

const shown = (v: unknown, t: Words) =>
  v === null || v === undefined || v === "" ? t("schemaDesigner.review.empty") : typeof v === "string" ? quoted(v, t) : JSON.stringify(v);

/** One sentence per planned step; nothing to do says so rather than showing an empty list. */
export function describePlan(steps: PlanStepSummary[], t: Words = english): ReviewLine[] {
  if (steps.length === 0) return [{ text: t("schemaDesigner.review.nothing"), destructive: false }];
  // A step is a sentence in the language's own full stop; one that already ends with it keeps one.
  return steps.map((s) => ({
    text: t("schemaDesigner.review.step", { step: s.description }).replace(/\.\.$/, "."),
    destructive: s.destructive,
  }));
}

/** What stops the apply: values that would not convert, duplicates under a new unique rule. */
export function describeBlockers(conversions: ConversionReport[], duplicates: DuplicateReport[], t: Words = english): string[] {
  const out: string[] = [];
  for (const c of conversions) {
    const examples = c.failures
      .slice(0, 5)
      // The kinds' messages usually quote the value already; say it once.
      .map((f) => {
        const error = f.words ? say(f.words, t) : f.error;
        return f.error.includes(String(f.value))
          ? t("schemaDesigner.review.exampleQuoted", { id: f.id, error })
          : t("schemaDesigner.review.example", { id: f.id, value: shown(f.value, t), error });
      })
      .join("; ");
    out.push(
      t("schemaDesigner.review.notConverted", {
        count: c.total,
        table: c.table,
        field: quoted(c.field, t),
        examples: `${examples}${c.total > 5 ? "; …" : ""}`,
      }),
    );
  }
  for (const d of duplicates) {
    const values = d.values
      .map((v) => t("schemaDesigner.review.times", { values: v.value.map((x) => shown(x, t)).join(" + "), n: v.count }))
      .join(", ");
    out.push(t("schemaDesigner.review.notUnique", { where: `${d.table}.${d.fields.join("+")}`, values }));
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
export function locateProblem(schema: WorkspaceSchema, problem: SchemaProblem, t: Words = english): ProblemPlace {
  const parts = problem.path.split("/").slice(1).map(unescape);
  // A problem the validator phrased is said in the reader's words; the meta-schema's stay English.
  const message = problem.words ? say(problem.words, t) : problem.message.replace(/^\s*(must\b)/, "it $1");
  if (parts[0] !== "$defs" || parts.length < 2) return { text: message };
  const table = parts[1];
  const def = Object.hasOwn(schema.$defs, table) ? schema.$defs[table] : undefined;
  const tableLabel = def?.["x-plural"] ?? def?.title ?? table;
  if (parts[2] === "properties" && parts[3] !== undefined) {
    const field = parts[3];
    const f = def && Object.hasOwn(def.properties, field) ? def.properties[field] : undefined;
    const words = { field: quoted(f?.title ?? field, t), table: tableLabel, message };
    const text =
      parts.length > 4
        ? t("schemaDesigner.review.fieldSettingProblem", { ...words, setting: parts.slice(4).join(".") })
        : t("schemaDesigner.review.fieldProblem", words);
    return { table, field, text };
  }
  const text =
    parts.length > 2
      ? t("schemaDesigner.review.tablePartProblem", { table: tableLabel, part: parts.slice(2).join("."), message })
      : t("schemaDesigner.review.tableProblem", { table: tableLabel, message });
  return { table, text };
}
