import { filters as builtinFilters, Liquid, type FilterImplOptions, type Template } from "liquidjs";
import { formatDateDisplay } from "../fields/dates";
import { moneyKind } from "../fields/money";
import { formatOptionDisplay, optionValues } from "../fields/options";
import { percentKind } from "../fields/percent";
import { valueClassOf, valueKindOf } from "../fields/registry";
import type { ValueClass } from "../fields/types";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import type { FieldSchema } from "../schema/types";
import { amountInWords } from "./amount-in-words";
import { amountInWordsIn } from "./number-words";
import english from "../../locales/en.json";

/** What a render without a document language prints: the English catalog's print messages. */
const ENGLISH_PRINT_MESSAGES = english.print as Record<string, unknown>;
import { sanitizeRenderedHtml } from "./sanitize";
import { filledCleanly, fillsCleanly } from "./escaped-fill";
import type { PageSettings, PrintTemplate } from "./template";
import { dateTimeFormat, numberFormat } from "../fields/intl-formats";

/** What a template sees: the record with its relations and lists resolved, the own company, today. */
export interface PrintContext {
  record: Record<string, unknown>;
  company: Record<string, unknown> | null;
  /** ISO date. */
  today: string;
  template: { id: string; name: string; table: string };
}

export interface RenderSettings {
  compiled: CompiledSchema;
  /** BCP 47 locale for numbers, money and dates; default en-GB. */
  locale?: string;
  /** The document's language (`sv`): the amount in words and the `t` filter follow it; default English. */
  language?: string;
  /** The document language's print messages (`print.*` of its catalog), for `{{ "print.invoice" | t }}`. */
  messages?: Record<string, unknown>;
}

/** A filled-in document, ready for Chromium. */
export interface RenderedDocument {
  html: string;
  page: PageSettings;
  headerTemplate?: string;
  footerTemplate?: string;
}

interface RenderEnv {
  table: CompiledTable | undefined;
  compiled: CompiledSchema;
  locale: string;
  language: string;
  messages: Record<string, unknown>;
}

/**
 * `print.invoice` in the document's messages (the key itself when the catalog has none), its
 * `{{0}}`, `{{1}}`… filled with the filter's arguments: `{{ "print.pageOf" | t: pageNumber, totalPages }}`.
 */
function message(env: RenderEnv | undefined, key: unknown, args: unknown[]): string {
  if (typeof key !== "string") return "";
  const text = lookUp(env?.messages ?? ENGLISH_PRINT_MESSAGES, key);
  return text.includes("{{") ? text.replace(/{{\s*(\d)\s*}}/g, (_, i: string) => String(args[Number(i)] ?? "")) : text;
}

/** A render's messages, English when it has none. */
const printMessages = (messages: Record<string, unknown> | undefined) =>
  messages && Object.keys(messages).length ? messages : ENGLISH_PRINT_MESSAGES;

/** Catalogs never change once loaded, and an invoice asks for the same forty sentences each time. */
const lookedUp = new WeakMap<Record<string, unknown>, Map<string, string>>();

function lookUp(messages: Record<string, unknown>, key: string): string {
  let known = lookedUp.get(messages);
  if (!known) lookedUp.set(messages, (known = new Map()));
  let text = known.get(key);
  if (text === undefined) {
    let node: unknown = messages;
    for (const part of key.replace(/^print\./, "").split("."))
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
    text = typeof node === "string" ? node : key;
    if (known.size < 1_000) known.set(key, text);
  }
  return text;
}

/** The settings of the render a filter runs in, keyed by the scope object liquidjs hands filters. */
const envs = new WeakMap<object, RenderEnv>();

const MONEY_FIELD: FieldSchema = { type: "number", "x-id": "print_money", "x-kind": "money", "x-scale": 2 };
const PERCENT_FIELD: FieldSchema = { type: "number", "x-id": "print_percent", "x-kind": "percent", "x-scale": 2 };

function scopeOf(self: unknown): { env: RenderEnv | undefined; scope: Record<string, unknown> } {
  const scope = ((self as { context?: { environments?: object } }).context?.environments ?? {}) as Record<string, unknown>;
  return { env: envs.get(scope), scope };
}

function contextCurrency(scope: Record<string, unknown>): string | undefined {
  const record = scope.record as Record<string, unknown> | undefined;
  const company = scope.company as Record<string, unknown> | undefined;
  return [record?.currency, company?.default_currency].find((c): c is string => typeof c === "string" && /^[A-Z]{3}$/.test(c));
}

const toNumber = (v: unknown): number | null => {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
};

/**
 * Definitions of the fields `name` may mean that `accept` takes: `table.field` names one; a bare
 * key is looked for in the record's table, then its lists' tables, then every table.
 */
function fieldsNamed(env: RenderEnv, name: unknown, accept: (def: FieldSchema) => boolean): FieldSchema[] {
  const found: FieldSchema[] = [];
  const push = (t: CompiledTable | undefined, key?: string) => {
    for (const f of t?.fields ?? []) if ((key === undefined || f.key === key) && accept(f.def)) found.push(f.def);
  };
  if (typeof name === "string" && name.includes(".")) {
    const [t, f] = name.split(".");
    push(env.compiled.tablesByKey.get(t), f);
  } else {
    const key = typeof name === "string" ? name : undefined;
    push(env.table, key);
    for (const l of env.table?.lists ?? []) push(env.compiled.tablesByKey.get(l.table), key);
    for (const t of env.compiled.tables) push(t, key);
  }
  return found;
}

const OPTION_CLASSES: ReadonlySet<ValueClass> = new Set(["option", "options"]);
const isChoice = (def: FieldSchema) => OPTION_CLASSES.has(valueClassOf(def));
const isAny = () => true;

/** `fieldsNamed` once per schema, table and name: a schema never changes, and lines ask again and again. */
const named = new WeakMap<CompiledSchema, Map<string, FieldSchema[]>>();

function fieldsNamedOnce(env: RenderEnv, name: unknown, accept: typeof isChoice | typeof isAny): FieldSchema[] {
  let known = named.get(env.compiled);
  if (!known) named.set(env.compiled, (known = new Map()));
  const key = `${accept === isChoice ? "choice" : "any"}\u0000${env.table?.key ?? ""}\u0000${typeof name === "string" ? name : "\u0001"}`;
  let found = known.get(key);
  if (!found) {
    found = fieldsNamed(env, name, accept);
    if (known.size < 1_000) known.set(key, found);
  }
  return found;
}

/** Option labels of the first choice field (the one named, else any) that has the value. */
function labelFor(env: RenderEnv | undefined, value: unknown, name?: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  if (!env) return String(value);
  const candidates = fieldsNamedOnce(env, name, isChoice);
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  const labels = values.map((v) => {
    const def = candidates.find((d) => optionValues(d).includes(v));
    return def ? formatOptionDisplay(v, def) : v;
  });
  return labels.join(", ");
}

/** The value as its field's kind shows it to people (a rating as stars), or as stored when no field is named. */
function displayFor(env: RenderEnv | undefined, value: unknown, name: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  const [def] = env && typeof name === "string" ? fieldsNamedOnce(env, name, isAny) : [];
  if (!env || !def) return String(value);
  return valueKindOf(def).formatDisplay(value, def, { locale: env.locale });
}

function formatDate(value: unknown, locale: string, style: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  if (!m) return String(value);
  if (style === "long" || style === "short" || style === "full") {
    const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return dateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" }).format(time);
  }
  if (style === "iso") return `${m[1]}-${m[2]}-${m[3]}`;
  return formatDateDisplay(value, locale);
}

function createEngine(): Liquid {
  const engine = new Liquid({
    outputEscape: "escape",
    ownPropertyOnly: true,
    strictFilters: true,
    // An empty in-memory mapping: include, render and layout can never reach the file system.
    templates: {},
    relativeReference: false,
    parseLimit: 1_000_000,
    // Below the worker's time budget (liquid-pool.server.ts), so Liquid usually stops a slow template
    // itself and its worker lives on.
    renderLimit: 1_500,
    // In Liquid's units (characters, array elements): a range of 10 million numbers is about 80 MB,
    // well inside the worker's heap limit (liquid-pool.server.ts), which must never be what stops it.
    memoryLimit: 10_000_000,
  });
  engine.registerFilter("money", function (this: unknown, value: unknown, currency?: unknown) {
    const { env, scope } = scopeOf(this);
    const n = toNumber(value);
    if (n === null) return "";
    const code = typeof currency === "string" && /^[A-Z]{3}$/.test(currency) ? currency : contextCurrency(scope);
    return moneyKind.formatDisplay(n, MONEY_FIELD, { locale: env?.locale ?? "en-GB", currency: code });
  });
  engine.registerFilter("number", function (this: unknown, value: unknown, digits?: unknown) {
    const { env } = scopeOf(this);
    const n = toNumber(value);
    if (n === null) return "";
    const d = typeof digits === "number" && digits >= 0 && digits <= 6 ? digits : undefined;
    return numberFormat(
      env?.locale ?? "en-GB",
      d === undefined ? { maximumFractionDigits: 3 } : { minimumFractionDigits: d, maximumFractionDigits: d },
    ).format(n);
  });
  engine.registerFilter("percent", function (this: unknown, value: unknown) {
    const { env } = scopeOf(this);
    const n = toNumber(value);
    return n === null ? "" : percentKind.formatDisplay(n, PERCENT_FIELD, { locale: env?.locale ?? "en-GB" });
  });
  engine.registerFilter("date", function (this: unknown, value: unknown, style?: unknown) {
    return formatDate(value, scopeOf(this).env?.locale ?? "en-GB", style);
  });
  engine.registerFilter("amount_in_words", function (this: unknown, value: unknown, currency?: unknown) {
    const code = typeof currency === "string" && currency ? currency : contextCurrency(scopeOf(this).scope);
    return amountInWordsIn(scopeOf(this).env?.language ?? "en", toNumber(value), code, amountInWords);
  });
  engine.registerFilter("t", function (this: unknown, key: unknown, ...args: unknown[]) {
    return message(scopeOf(this).env, key, args);
  });
  engine.registerFilter("label", function (this: unknown, value: unknown, field?: unknown) {
    return labelFor(scopeOf(this).env, value, field);
  });
  engine.registerFilter("display", function (this: unknown, value: unknown, field?: unknown) {
    return displayFor(scopeOf(this).env, value, field);
  });
  return engine;
}

let engine: Liquid | null = null;
const getEngine = () => (engine ??= createEngine());
const parsed = new Map<string, Template[]>();
const MAX_CACHED = 200;

/** Parses once per distinct text; templates are few and printed many times. */
function parse(text: string): Template[] {
  let tpl = parsed.get(text);
  if (!tpl) {
    tpl = getEngine().parse(text);
    if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, tpl);
  }
  return tpl;
}

/** A template's Liquid syntax error with line and reason, or null when it parses. */
export function liquidSyntaxError(text: string): string | null {
  try {
    parse(text);
    return null;
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
}

export function renderLiquid(text: string, context: PrintContext, settings: RenderSettings): string {
  const scope: Record<string, unknown> = { ...context };
  envs.set(scope, {
    table: settings.compiled.tablesByKey.get(context.template.table),
    compiled: settings.compiled,
    locale: settings.locale ?? "en-GB",
    language: settings.language ?? "en",
    messages: printMessages(settings.messages),
  });
  const tpl = parse(text);
  return getEngine().renderSync(tpl, scope) as string;
}

/**
 * A template part filled in and made safe for Chromium: a part whose Liquid escapes everything it
 * prints is already what the sanitizer would make of it, and only checked (escaped-fill.ts); any
 * other part, or a filled part that fails the check, is sanitized.
 */
function fillPart(text: string, context: PrintContext, settings: RenderSettings): string {
  const filled = renderLiquid(text, context, settings);
  return fillsCleanly(text) && filledCleanly(filled) ? filled : sanitizeRenderedHtml(filled);
}

const PAGE_NUMBER = "\u2063tessera-page-number\u2063";
const TOTAL_PAGES = "\u2063tessera-total-pages\u2063";

/**
 * The fonts printed text asks for, ending in families every script can fall back on: DejaVu
 * (Latin, Greek, Cyrillic, Armenian), Droid Sans Fallback (Chinese, Japanese) and Nanum Gothic
 * (Korean), all TrueType, so Chromium embeds them as real fonts. Left to the system, CJK text
 * falls back to Noto CJK, an OpenType CFF font Chromium can only embed as Type 3 outlines (ADR 031).
 */
export const PRINT_FONTS = `"Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", "Droid Sans Fallback", "NanumGothic", sans-serif`;

/** Header and footer HTML for Chromium, which fills `.pageNumber` and `.totalPages` on every page. */
function renderMargin(text: string | undefined, context: PrintContext, settings: RenderSettings, page: PageSettings): string | undefined {
  if (!text?.trim()) return undefined;
  const withMarkers = text.replace(/\{\{-?\s*pageNumber\s*-?\}\}/g, PAGE_NUMBER).replace(/\{\{-?\s*totalPages\s*-?\}\}/g, TOTAL_PAGES);
  // As variables too, for a filter's arguments: `{{ "print.pageOf" | t: pageNumber, totalPages }}`.
  const scope = { ...context, pageNumber: PAGE_NUMBER, totalPages: TOTAL_PAGES } as PrintContext;
  const body = fillPart(withMarkers, scope, settings)
    .replaceAll(PAGE_NUMBER, '<span class="pageNumber"></span>')
    .replaceAll(TOTAL_PAGES, '<span class="totalPages"></span>');
  // Chromium prints header and footer without the page's CSS and at a tiny default size.
  return `<div style="box-sizing:border-box;width:100%;padding:0 ${page.margins.right}mm 0 ${page.margins.left}mm;font-family:${PRINT_FONTS.replaceAll('"', "'")};font-size:7.5pt;color:#666;-webkit-print-color-adjust:exact">${body}</div>`;
}

/**
 * Keeps admin CSS inside its style element: every `<` is written as CSS's own escape, which reads
 * the same inside a string (`content: "\3c "`) and is no markup anywhere. Removing `</style`
 * instead left `</sty</stylele>` to close the element.
 */
const safeCss = (css: string) => css.replaceAll("<", "\\3c ");

export function documentHtml(bodies: string[], css: string, page: PageSettings): string {
  const pageCss = `@page { size: ${page.size} ${page.orientation}; }`;
  const docs = bodies.map((b) => `<section class="print-document">${b}</section>`).join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><style>${pageCss}
.print-document { break-after: page; } .print-document:last-child { break-after: auto; }</style><style>${safeCss(css)}</style></head><body>${docs}</body></html>`;
}

/**
 * Fills a template for one or more records (a batch prints them one after the other, each from a
 * new page), and makes what Liquid made safe for Chromium (`fillPart`).
 */
export function renderTemplate(
  template: Pick<PrintTemplate, "html" | "css" | "page">,
  contexts: PrintContext[],
  settings: RenderSettings,
): RenderedDocument {
  const bodies = contexts.map((c) => fillPart(template.html, c, settings));
  const first = contexts[0];
  return {
    html: documentHtml(bodies, template.css, template.page),
    page: template.page,
    headerTemplate: first ? renderMargin(template.page.header, first, settings, template.page) : undefined,
    footerTemplate: first ? renderMargin(template.page.footer, first, settings, template.page) : undefined,
  };
}

/**
 * Tessera's own filters (money, number, percent, date, amount_in_words, label, …) for a Liquid
 * engine of another purpose: automation renders values, not HTML, with an engine of its own.
 */
export function tesseraFilters(): Record<string, FilterImplOptions> {
  const builtin = builtinFilters as Record<string, unknown>;
  return Object.fromEntries(Object.entries(getEngine().filters).filter(([name, filter]) => builtin[name] !== filter));
}

/** Lets Tessera's filters know the table, schema and locale of a render on another engine (see `tesseraFilters`). */
export function bindFilterSettings(scope: object, table: string, settings: RenderSettings): void {
  envs.set(scope, {
    table: settings.compiled.tablesByKey.get(table),
    compiled: settings.compiled,
    locale: settings.locale ?? "en-GB",
    language: settings.language ?? "en",
    messages: printMessages(settings.messages),
  });
}
