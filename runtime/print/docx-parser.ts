import type { FilterImplOptions } from "liquidjs";

/**
 * The docxtemplater tag parser for Word templates: `{record.client.name}`, `{description}` inside
 * a loop, `{record.total | money}`, `{record.date | date: "long"}`. A tag is a dotted path and
 * named filters, nothing else: no expressions are evaluated, and only own properties are read, so
 * a template cannot reach prototypes. The filters are the print templates' own (money, date, …).
 */

type Filter = (value: unknown, ...args: unknown[]) => unknown;

export interface DocxTag {
  path: string[];
  filters: { name: string; args: unknown[] }[];
}

const PATH = /^(?:\.|[A-Za-z_][\w]*(?:\.(?:[A-Za-z_]\w*|\d+))*)$/;
const FILTER = /^([a-z_]+)\s*(?::\s*(.+))?$/;
const ARG = /^(?:"([^"]*)"|'([^']*)'|“([^”]*)”|‘([^’]*)’|(-?\d+(?:\.\d+)?))$/;

/** Reads one tag; throws with a message naming what is wrong (docxtemplater reports it with the tag). */
export function parseDocxTag(text: string, known: ReadonlySet<string>): DocxTag {
  const [head, ...rest] = text.split("|").map((s) => s.trim());
  if (!PATH.test(head)) throw new Error(`"${text}" is not a field path such as record.client.name`);
  const filters = rest.map((part) => {
    const m = FILTER.exec(part);
    if (!m) throw new Error(`"${part}" is not a filter such as money or date: "long"`);
    if (!known.has(m[1])) throw new Error(`there is no filter "${m[1]}" (use ${[...known].sort().join(", ")})`);
    const args = (m[2] ?? "")
      .split(",")
      .filter((a) => a.trim() !== "")
      .map((raw) => {
        const a = ARG.exec(raw.trim());
        if (!a) throw new Error(`the filter ${m[1]} takes quoted text or a number, not ${raw.trim()}`);
        return a[5] !== undefined ? Number(a[5]) : (a[1] ?? a[2] ?? a[3] ?? a[4]);
      });
    return { name: m[1], args };
  });
  return { path: head === "." ? [] : head.split("."), filters };
}

/** The value at `path` in `scope`, or undefined (docxtemplater then asks the enclosing loop's scope). */
export function resolvePath(scope: unknown, path: readonly string[]): unknown {
  let value = scope;
  for (const key of path) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * A docxtemplater `parser` whose filters run as Liquid filters would: `filterThis` is what they
 * see as `this` (the render's root scope, which carries the locale and currency).
 */
export function docxParser(filters: Record<string, FilterImplOptions>, filterThis: object) {
  const handlers = new Map<string, Filter>(
    Object.entries(filters).map(([name, f]) => [name, (typeof f === "function" ? f : f.handler) as Filter]),
  );
  const known = new Set(handlers.keys());
  return (tag: string) => {
    const parsed = parseDocxTag(tag, known);
    return {
      get(scope: unknown) {
        const value = resolvePath(scope, parsed.path);
        if (value === undefined) return undefined;
        return parsed.filters.reduce<unknown>((v, f) => handlers.get(f.name)!.call(filterThis, v, ...f.args), value);
      },
    };
  };
}
