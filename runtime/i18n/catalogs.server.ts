import fs from "node:fs";
import path from "node:path";
import { FALLBACK_LANGUAGE } from "./negotiate";
import type { LanguagePack } from "./translator";

/**
 * The message catalogs: one JSON file per language in `locales/` (`TESSERA_LOCALES_DIR` names
 * another folder). English, Swedish, Simplified Chinese and Armenian ship; a firm adds Chichewa by
 * dropping `ny.json` beside them — read at start, no build needed. A key a catalog lacks reads in
 * English: each pack is English with the language laid over it.
 */

type Messages = Record<string, unknown>;

export interface Catalog {
  language: string;
  /** The language's own name, for the language menu: "Svenska". */
  name: string;
  locale: string;
  messages: Messages;
}

const LANGUAGE_FILE = /^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.json$/;

export function localesDir(): string {
  return process.env.TESSERA_LOCALES_DIR || path.join(process.cwd(), "locales");
}

/** Why a catalog cannot be used, or null: its `language` block and string (or nested) messages. */
export function catalogProblem(file: string, data: unknown): string | null {
  if (!data || typeof data !== "object" || Array.isArray(data)) return `${file} must hold a JSON object of messages`;
  const meta = (data as Messages).language as Record<string, unknown> | undefined;
  if (!meta || typeof meta.name !== "string" || typeof meta.locale !== "string")
    return `${file} needs "language": { "name": "Svenska", "locale": "sv-SE" } so the menu can name it and dates and numbers can follow it`;
  try {
    new Intl.Locale(meta.locale);
  } catch {
    return `${file}: "${meta.locale}" is not a locale tag; write one like "sv-SE"`;
  }
  const bad = firstNonString(data as Messages, "");
  return bad ? `${file}: the message "${bad}" must be text (or an object of messages)` : null;
}

function firstNonString(messages: Messages, prefix: string): string | null {
  for (const [key, value] of Object.entries(messages)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") continue;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const inner = firstNonString(value as Messages, at);
      if (inner) return inner;
      continue;
    }
    return at;
  }
  return null;
}

function readCatalogs(dir: string): Map<string, Catalog> {
  const found = new Map<string, Catalog>();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  for (const file of files) {
    const match = LANGUAGE_FILE.exec(file);
    if (!match) continue;
    const data: unknown = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    const problem = catalogProblem(file, data);
    if (problem) throw new Error(`The message catalog ${path.join(dir, file)} cannot be used: ${problem}.`);
    const messages = data as Messages;
    const meta = messages.language as { name: string; locale: string };
    found.set(match[1], { language: match[1], name: meta.name, locale: meta.locale, messages });
  }
  if (!found.has(FALLBACK_LANGUAGE))
    throw new Error(`No English message catalog at ${path.join(dir, `${FALLBACK_LANGUAGE}.json`)}: every other language falls back to it.`);
  return found;
}

let cache: { dir: string; catalogs: Map<string, Catalog>; packs: Map<string, LanguagePack> } | null = null;

function loaded() {
  const dir = localesDir();
  if (!cache || cache.dir !== dir) cache = { dir, catalogs: readCatalogs(dir), packs: new Map() };
  return cache;
}

/** The languages on offer, English first, then by their own names. */
export function availableLanguages(): { language: string; name: string }[] {
  const all = [...loaded().catalogs.values()].map(({ language, name }) => ({ language, name }));
  return all.sort((a, b) => (a.language === FALLBACK_LANGUAGE ? -1 : b.language === FALLBACK_LANGUAGE ? 1 : a.name.localeCompare(b.name)));
}

export function languageCodes(): string[] {
  return [...loaded().catalogs.keys()];
}

export function deepMerge(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = out[key];
    out[key] =
      value && typeof value === "object" && under && typeof under === "object" ? deepMerge(under as Messages, value as Messages) : value;
  }
  return out;
}

/** A language's pack: English with the language's messages laid over it. Unknown languages get English. */
export function languagePack(language: string): LanguagePack {
  const { catalogs, packs } = loaded();
  const catalog = catalogs.get(language) ?? catalogs.get(FALLBACK_LANGUAGE)!;
  let pack = packs.get(catalog.language);
  if (!pack) {
    const english = catalogs.get(FALLBACK_LANGUAGE)!;
    const messages = catalog === english ? english.messages : deepMerge(english.messages, catalog.messages);
    pack = { language: catalog.language, locale: catalog.locale, messages };
    packs.set(catalog.language, pack);
  }
  return pack;
}

export function catalogOf(language: string): Catalog | undefined {
  return loaded().catalogs.get(language);
}
