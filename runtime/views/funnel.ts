import { optionLabel, optionProbability, optionValues } from "../fields/options";
import type { CurrencySum } from "../records/board-fields";
import type { CompiledField, CompiledTable } from "../schema/compile";
import type { ListParams } from "./list-params";

/**
 * A sales funnel from the counts of a choice field whose options carry win probabilities
 * (`x-option-meta`): the stages in option order, a probability of 1 being won and 0 lost. Lost
 * records leave the funnel and are shown beside it; every other stage counts as reached by the
 * records at it or further on, and the first stage by every record (lost ones entered there too),
 * so the conversion from a stage to the next is how many of those that reached it went on.
 * Pure: the page, the API and the tests compute it alike.
 */

export interface FunnelCounts {
  value: string | number | null;
  count: number;
  sums: CurrencySum[];
}

export interface FunnelStage {
  value: string;
  label: string;
  probability: number;
  count: number;
  /** Money at the stage, per currency. */
  sums: CurrencySum[];
  /** The same weighted by the stage's probability: what the stage is expected to bring. */
  weighted: CurrencySum[];
  /** Records at this stage or further (and, at the first stage, every record). */
  reached: number;
  /** Share of `reached` that reached the next stage; null for the last one. */
  conversion: number | null;
}

export interface FunnelMonth {
  month: string;
  won: { count: number; sums: CurrencySum[] };
  lost: { count: number; sums: CurrencySum[] };
}

export interface Funnel {
  stages: FunnelStage[];
  /** Stages with probability 0: off the funnel. */
  lost: FunnelStage[];
  total: number;
  /** Expected money of the open stages (won ones count whole), per currency. */
  expected: CurrencySum[];
}

/** The choice fields a funnel can follow: every option has a probability. */
export function funnelFields(table: CompiledTable): CompiledField[] {
  return table.fields.filter((f) => {
    const options = optionValues(f.def);
    return options.length > 1 && options.every((o) => optionProbability(o, f.def) !== undefined);
  });
}

const scaled = (sums: CurrencySum[], by: number) => sums.map((s) => ({ currency: s.currency, sum: Math.round(s.sum * by * 100) / 100 }));

function add(into: CurrencySum[], more: CurrencySum[]): CurrencySum[] {
  const out = into.map((s) => ({ ...s }));
  for (const m of more) {
    const same = out.find((s) => s.currency === m.currency);
    if (same) same.sum = Math.round((same.sum + m.sum) * 100) / 100;
    else out.push({ ...m });
  }
  return out;
}

export function buildFunnel(field: CompiledField, counts: FunnelCounts[]): Funnel {
  const byValue = new Map(counts.map((c) => [String(c.value), c]));
  const all = optionValues(field.def).map((value) => {
    const c = byValue.get(value);
    const probability = optionProbability(value, field.def) ?? 0;
    const sums = c?.sums ?? [];
    return {
      value,
      label: optionLabel(value, field.def),
      probability,
      count: c?.count ?? 0,
      sums,
      weighted: scaled(sums, probability),
      reached: 0,
      conversion: null as number | null,
    };
  });
  const stages = all.filter((s) => s.probability > 0);
  const lost = all.filter((s) => s.probability === 0);
  const lostCount = lost.reduce((n, s) => n + s.count, 0);
  let further = 0;
  for (let i = stages.length - 1; i >= 0; i--) {
    further += stages[i].count;
    stages[i].reached = further + (i === 0 ? lostCount : 0);
  }
  for (let i = 0; i < stages.length - 1; i++)
    stages[i].conversion = stages[i].reached === 0 ? null : stages[i + 1].reached / stages[i].reached;
  return {
    stages,
    lost,
    total: all.reduce((n, s) => n + s.count, 0),
    expected: stages.reduce((sum, s) => add(sum, s.weighted), [] as CurrencySum[]),
  };
}

/** Won (probability 1) and lost (0) records per month of a date field, from counts split by month. */
export function wonLostByMonth(field: CompiledField, counts: (FunnelCounts & { month?: string | null })[]): FunnelMonth[] {
  const months = new Map<string, FunnelMonth>();
  for (const c of counts) {
    if (!c.month || typeof c.value !== "string") continue;
    const p = optionProbability(c.value, field.def);
    if (p !== 0 && p !== 1) continue;
    let m = months.get(c.month);
    if (!m) months.set(c.month, (m = { month: c.month, won: { count: 0, sums: [] }, lost: { count: 0, sums: [] } }));
    const side = p === 1 ? m.won : m.lost;
    side.count += c.count;
    side.sums = add(side.sums, c.sums);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export interface FunnelPageData {
  table: { key: string; label: string; pluralLabel: string };
  /** The choice field the funnel follows, and the others it could. */
  field: { key: string; label: string };
  fields: { key: string; label: string }[];
  /** The money field summed, with its definition for formatting; null when the table has none. */
  money: CompiledField | null;
  /** The date field won and lost records are put in months by; null when the table has none. */
  dateField: { key: string; label: string } | null;
  funnel: Funnel;
  months: FunnelMonth[];
  /** The first month shown (`YYYY-MM`). */
  since: string;
  /** The list's search and conditions, carried over to the lists a stage opens. */
  params: ListParams;
}
