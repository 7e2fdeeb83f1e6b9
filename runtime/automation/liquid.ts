import { Liquid, type Template as ParsedTemplate } from "liquidjs";
import { bindFilterSettings, tesseraFilters } from "../print/render-html";
import type { CompiledSchema } from "../schema/compile";

/**
 * The rules' Liquid: the print templates' filters and safety settings, but values instead of HTML
 * (nothing is escaped: a task's subject is stored as text and escaped where it is shown), and date
 * arithmetic for due dates (`{{ today | add_days: 3 }}`, `{{ now | add_hours: 4 }}`).
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date ("2026-12-04", counted from midnight UTC) or date-time text as a time, or null. */
function timeOf(value: unknown): { time: number; dateOnly: boolean } | null {
  if (value instanceof Date) return { time: value.getTime(), dateOnly: false };
  if (typeof value !== "string" || value.trim() === "") return null;
  const text = value.trim();
  const date = ISO_DATE.exec(text);
  if (date) return { time: Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])), dateOnly: true };
  const time = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
  return Number.isNaN(time) ? null : { time, dateOnly: false };
}

const toAmount = (n: unknown): number => {
  const v = typeof n === "number" ? n : Number(n);
  return Number.isFinite(v) ? v : 0;
};

/** Adds days to a date (a date stays a date) or a date-time (stays a date-time); "" for what is not one. */
export function addDays(value: unknown, days: unknown): string {
  const t = timeOf(value);
  if (!t) return "";
  const moved = new Date(t.time + Math.round(toAmount(days)) * DAY_MS).toISOString();
  return t.dateOnly ? moved.slice(0, 10) : moved;
}

/** Adds hours or minutes: the answer is a date-time, a date counting from its midnight UTC. */
export function addMilliseconds(value: unknown, ms: number): string {
  const t = timeOf(value);
  return t ? new Date(t.time + ms).toISOString() : "";
}

function createEngine(): Liquid {
  const engine = new Liquid({
    ownPropertyOnly: true,
    strictFilters: true,
    // An empty in-memory mapping: include, render and layout can never reach the file system.
    templates: {},
    relativeReference: false,
    parseLimit: 100_000,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
  });
  for (const [name, filter] of Object.entries(tesseraFilters())) engine.registerFilter(name, filter);
  engine.registerFilter("add_days", (value: unknown, days: unknown) => addDays(value, days));
  engine.registerFilter("add_hours", (value: unknown, hours: unknown) => addMilliseconds(value, toAmount(hours) * 3_600_000));
  engine.registerFilter("add_minutes", (value: unknown, minutes: unknown) => addMilliseconds(value, toAmount(minutes) * 60_000));
  return engine;
}

let engine: Liquid | null = null;
const getEngine = () => (engine ??= createEngine());
const parsed = new Map<string, ParsedTemplate[]>();
const MAX_CACHED = 500;

function parse(text: string): ParsedTemplate[] {
  let tpl = parsed.get(text);
  if (!tpl) {
    tpl = getEngine().parse(text);
    if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, tpl);
  }
  return tpl;
}

/** The template's Liquid syntax error (line and reason), or null when it parses. */
export function templateSyntaxError(text: string): string | null {
  try {
    parse(text);
    return null;
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
}

/** Whether a template reads anything (`{{ }}` or `{% %}`), or is a constant. */
export const isConstant = (text: string): boolean => !/\{\{|\{%/.test(text);

export interface RenderSettings {
  compiled: CompiledSchema;
  /** The table `record` belongs to, for the `label` filter. */
  table: string;
  locale?: string;
}

/** Renders a template against `scope` (record, previous, line, …); a constant is returned as it is. */
export function renderValue(text: string, scope: Record<string, unknown>, settings: RenderSettings): string {
  if (isConstant(text)) return text;
  const env: Record<string, unknown> = { ...scope };
  bindFilterSettings(env, settings.table, { compiled: settings.compiled, locale: settings.locale });
  return String(getEngine().renderSync(parse(text), env) ?? "");
}

/** How `when` reads a rendered text: empty, "false", "no" and "0" mean no. */
export function isTruthyText(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t !== "" && t !== "false" && t !== "no" && t !== "0";
}
