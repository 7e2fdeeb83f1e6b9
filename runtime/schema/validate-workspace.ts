import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { formulaResultKinds } from "../fields/formula";
import { fieldKinds } from "../fields/registry";
import { isComposition, isFormula, relationFill, relationList, relationTarget } from "../fields/structure";
import type { DefinitionContext, FieldKindDef } from "../fields/types";
import { addValueKeywords } from "../fields/value-keywords";
import { checkFormula, formulaOrder } from "../formula/index";
import {
  escapePointerSegment,
  KEY_PATTERN,
  MAX_FIELDS_PER_TABLE,
  MAX_INDEXES_PER_TABLE,
  MAX_TABLES,
  metaSchemaProblems,
} from "./meta-schema";
import { reservedKeyKind, SYSTEM_PREFIX } from "./reserved-words";
import { schemaPhrase, schemaProblem } from "./problem-words";
import { WordedError, type Phrase } from "../i18n/words";
import { patternRefusal } from "./safe-pattern";
import type { FieldKind, FieldSchema, FormulaResultKind, SchemaProblem, WorkspaceSchema } from "./types";
import { USERS_TABLE } from "./types";

export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
export const MAX_DEPTH = 12;
/** Where the walk stops listing deep or forbidden spots: enough to fix, not enough to flood. */
const MAX_LIMIT_PROBLEMS = 20;
const FORBIDDEN_KEYWORDS = new Set(["$ref", "$dynamicRef", "$recursiveRef", "$data"]);

export type WorkspaceValidation = { ok: true; schema: WorkspaceSchema } | { ok: false; problems: SchemaProblem[] };

/**
 * The gate every submitted workspace schema passes before anything else happens. Lists every
 * problem it can find, each with a JSON Pointer and a message saying how to fix it. The size caps
 * run first and alone, so an oversized or hostile document never reaches ajv.
 */
export function validateWorkspaceSchema(doc: unknown): WorkspaceValidation {
  const limitProblems = checkLimits(doc);
  if (limitProblems.length > 0) return { ok: false, problems: limitProblems };
  const problems = dedupe([...metaSchemaProblems(doc), ...semanticProblems(doc, fieldKinds)]);
  return problems.length === 0 ? { ok: true, schema: doc as WorkspaceSchema } : { ok: false, problems };
}

/** For the CLI: one `path: message` line per problem. */
export function describeProblems(problems: SchemaProblem[]): string {
  return problems.map((p) => `${p.path === "" ? "/" : p.path}: ${p.message}`).join("\n");
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${escapePointerSegment(String(s))}`).join("");
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.path}\u0000${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Limits: one pass with an explicit stack, so neither depth nor cycles can blow the call stack.

interface WalkEntry {
  value: unknown;
  depth: number;
  parent: WalkEntry | null;
  key: string;
}

function entryPath(entry: WalkEntry): string {
  const segments: string[] = [];
  for (let e: WalkEntry | null = entry; e && e.parent; e = e.parent) segments.push(e.key);
  return pointer(...segments.reverse());
}

/** UTF-8 length of a string as JSON.stringify would write it, escapes included. */
function serializedStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x20) bytes += 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function checkLimits(doc: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const report = (problem: SchemaProblem) => {
    if (problems.length < MAX_LIMIT_PROBLEMS) problems.push(problem);
  };
  let bytes = 0;
  const stack: WalkEntry[] = [{ value: doc, depth: 1, parent: null, key: "" }];
  while (stack.length > 0) {
    const entry = stack.pop() as WalkEntry;
    const { value } = entry;
    if (typeof value === "string") bytes += serializedStringBytes(value);
    else if (typeof value !== "object" || value === null) bytes += String(value).length;
    else {
      if (entry.depth > MAX_DEPTH) {
        report(schemaProblem(entryPath(entry), "tooDeep", { max: MAX_DEPTH }));
        continue;
      }
      const keys = Object.keys(value);
      bytes += 2 + keys.length;
      const isArray = Array.isArray(value);
      for (const key of keys) {
        if (!isArray) {
          bytes += serializedStringBytes(key) + 1;
          if (FORBIDDEN_KEYWORDS.has(key)) {
            report(schemaProblem(entryPath({ value: null, depth: 0, parent: entry, key }), "forbiddenReference", { key }));
          }
        }
        stack.push({ value: (value as Json)[key], depth: entry.depth + 1, parent: entry, key });
      }
    }
    if (bytes > MAX_DOCUMENT_BYTES) {
      return [schemaProblem("", "tooLarge", { mb: MAX_DOCUMENT_BYTES / 1024 / 1024 })];
    }
  }
  if (!isObject(doc) || !isObject(doc.$defs)) return problems;
  const tables = Object.entries(doc.$defs);
  if (tables.length > MAX_TABLES) report(schemaProblem("/$defs", "tooManyTables", { n: tables.length, max: MAX_TABLES }));
  for (const [key, table] of tables) {
    if (!isObject(table)) continue;
    const fieldCount = isObject(table.properties) ? Object.keys(table.properties).length : 0;
    if (fieldCount > MAX_FIELDS_PER_TABLE)
      report(schemaProblem(pointer("$defs", key, "properties"), "tooManyFields", { n: fieldCount, max: MAX_FIELDS_PER_TABLE }));
    const indexCount = Array.isArray(table["x-indexes"]) ? table["x-indexes"].length : 0;
    if (indexCount > MAX_INDEXES_PER_TABLE)
      report(schemaProblem(pointer("$defs", key, "x-indexes"), "tooManyIndexes", { n: indexCount, max: MAX_INDEXES_PER_TABLE }));
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Semantic checks: what JSON Schema cannot say. Every read is guarded, because these run on
// documents the meta-schema may already have rejected.

interface FieldEntry {
  key: string;
  def: Json;
  kind: FieldKind | undefined;
  path: string;
}

interface TableEntry {
  key: string;
  def: Json;
  path: string;
  fields: FieldEntry[];
  fieldsByKey: Map<string, FieldEntry>;
}

const keyRegExp = new RegExp(KEY_PATTERN);

function collectTables(doc: Json, kinds: Record<FieldKind, FieldKindDef>): TableEntry[] {
  if (!isObject(doc.$defs)) return [];
  return Object.entries(doc.$defs).flatMap(([key, def]) => {
    if (!isObject(def)) return [];
    const path = pointer("$defs", key);
    const fields: FieldEntry[] = isObject(def.properties)
      ? Object.entries(def.properties).flatMap(([fkey, fdef]) => {
          if (!isObject(fdef)) return [];
          const rawKind = fdef["x-kind"];
          const kind = typeof rawKind === "string" && Object.hasOwn(kinds, rawKind) ? (rawKind as FieldKind) : undefined;
          return [{ key: fkey, def: fdef, kind, path: pointer("$defs", key, "properties", fkey) }];
        })
      : [];
    return [{ key, def, path, fields, fieldsByKey: new Map(fields.map((f) => [f.key, f])) }];
  });
}

export function semanticProblems(doc: unknown, kinds: Record<FieldKind, FieldKindDef>): SchemaProblem[] {
  if (!isObject(doc)) return [];
  const problems: SchemaProblem[] = [];
  const add: Add = (path, key, values) =>
    problems.push(typeof key === "string" ? schemaProblem(path, key, values) : { path, message: key.message, words: key.words });
  const tables = collectTables(doc, kinds);
  const tablesByKey = new Map(tables.map((t) => [t.key, t]));

  checkKeys(
    tables.map((t) => ({ key: t.key, path: t.path })),
    "table",
    add,
  );
  for (const t of tables) checkKeys(t.fields, "field", add);
  checkUniqueIds(tables, add);
  checkGroups(doc, tables, add);
  for (const t of tables) {
    checkTable(t, kinds, add);
    for (const f of t.fields) checkField(f, t, tablesByKey, kinds, add);
  }
  checkInverses(tables, tablesByKey, add);
  checkFills(tables, tablesByKey, kinds, add);
  checkLocks(tables, add);
  checkSameAs(tables, tablesByKey, add);
  checkConvertedFrom(tables, add);
  for (const t of tables) checkFormulas(t, tables, add);
  return problems;
}

/** Adds the problem `schemaProblems.<key>` at `path`, or one already said elsewhere (a kind's, a pattern's). */
type Add = (path: string, key: string | { message: string; words?: Phrase }, values?: Record<string, unknown>) => void;

function checkKeys(entries: { key: string; path: string }[], what: "table" | "field", add: Add): void {
  const seen = new Map<string, string>();
  for (const { key, path } of entries) {
    if (!keyRegExp.test(key)) add(path, "invalidKey", { what: schemaPhrase(`${what}Key`), key });
    const reason = reservedKeyKind(key);
    if (reason)
      add(path, "reservedKey", {
        reason: schemaPhrase(reason, { key, prefix: SYSTEM_PREFIX }),
        what: schemaPhrase(`${what}Key`),
        suggestion: suggestKey(key, what),
      });
    const lower = key.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) add(path, "caseOnly", { what: schemaPhrase(`${what}Key`), key, first });
    else seen.set(lower, key);
  }
}

function suggestKey(key: string, what: "table" | "field"): string {
  const lower = key.toLowerCase();
  const base = lower.startsWith(SYSTEM_PREFIX) ? lower.slice(SYSTEM_PREFIX.length) || "custom" : lower;
  return `${base}_${what === "table" ? "records" : "value"}`;
}

function checkUniqueIds(tables: TableEntry[], add: Add): void {
  const seen = new Map<string, string>();
  const claim = (id: unknown, path: string) => {
    if (typeof id !== "string") return;
    const first = seen.get(id);
    if (first !== undefined) add(path, "idTaken", { id, first });
    else seen.set(id, path);
  };
  // Tables first: when a field repeats a table's id, the field is the one to change.
  for (const t of tables) claim(t.def["x-id"], `${t.path}/x-id`);
  for (const t of tables) {
    for (const f of t.fields) claim(f.def["x-id"], `${f.path}/x-id`);
    const indexes = t.def["x-indexes"];
    if (Array.isArray(indexes)) indexes.forEach((ix, i) => isObject(ix) && claim(ix["x-id"], `${t.path}/x-indexes/${i}/x-id`));
  }
}

function checkGroups(doc: Json, tables: TableEntry[], add: Add): void {
  const groups = Array.isArray(doc["x-groups"]) ? doc["x-groups"] : [];
  const keys = new Set<string>();
  groups.forEach((g, i) => {
    if (!isObject(g) || typeof g.key !== "string") return;
    if (keys.has(g.key)) add(`/x-groups/${i}/key`, "groupTwice", { group: g.key });
    keys.add(g.key);
  });
  for (const t of tables) {
    const group = t.def["x-group"];
    if (typeof group === "string" && !keys.has(group)) {
      const known = keys.size > 0 ? schemaPhrase("groupsOneOf", { groups: [...keys].join(", ") }) : schemaPhrase("noGroups");
      add(`${t.path}/x-group`, "groupUnknown", { group, known });
    }
  }
}

function checkTable(t: TableEntry, kinds: Record<FieldKind, FieldKindDef>, add: Add): void {
  const fieldNames = () => (t.fields.length > 0 ? t.fields.map((f) => f.key).join(", ") : schemaPhrase("noFieldsYet"));
  const required = t.def.required;
  if (Array.isArray(required)) {
    required.forEach((name, i) => {
      if (typeof name === "string" && !t.fieldsByKey.has(name))
        add(`${t.path}/required/${i}`, "requiredMissing", { name, fields: fieldNames() });
    });
  }

  // Row scopes ("only records I own") need to know whose a record is.
  const ownerField = t.def["x-owner-field"];
  if (typeof ownerField === "string") {
    const f = t.fieldsByKey.get(ownerField);
    if (!f) add(`${t.path}/x-owner-field`, "ownerMissing", { name: ownerField, fields: fieldNames() });
    else if (relationTarget(f) !== USERS_TABLE) add(`${t.path}/x-owner-field`, "ownerNotUsers", { name: ownerField });
  }

  // An "about" link names a table by its key and a record by its id, in two stored fields.
  const about = t.def["x-about"] as { table?: unknown; id?: unknown } | undefined;
  if (about && typeof about === "object") {
    const named = typeof about.table === "string" ? t.fieldsByKey.get(about.table) : undefined;
    const id = typeof about.id === "string" ? t.fieldsByKey.get(about.id) : undefined;
    const namedKind = named && valuesKind(named, kinds);
    const idKind = id && valuesKind(id, kinds);
    if (!named || !namedKind?.searchable || namedKind.jsonType !== "string")
      add(`${t.path}/x-about/table`, "aboutTable", { name: String(about.table), fields: fieldNames() });
    if (!id || idKind?.jsonType !== "integer") add(`${t.path}/x-about/id`, "aboutId", { name: String(about.id), fields: fieldNames() });
  }

  const titleField = t.def["x-title-field"];
  if (typeof titleField === "string") {
    const f = t.fieldsByKey.get(titleField);
    const values = f && valuesKind(f, kinds);
    if (!f) add(`${t.path}/x-title-field`, "titleMissing", { name: titleField, fields: fieldNames() });
    // Text-like and sortable: pickers and related lists search and sort by the title. A text
    // formula (a contact's "first last") is stored like text, so it qualifies too.
    else if (values && !(values.searchable && values.sortable))
      add(`${t.path}/x-title-field`, "titleKind", { name: titleField, kind: f.kind });
  }

  const indexes = t.def["x-indexes"];
  if (Array.isArray(indexes)) {
    indexes.forEach((ix, i) => {
      if (!isObject(ix) || !Array.isArray(ix.fields)) return;
      ix.fields.forEach((name, j) => {
        if (typeof name !== "string") return;
        const path = `${t.path}/x-indexes/${i}/fields/${j}`;
        const f = t.fieldsByKey.get(name);
        if (!f) add(path, "indexFieldMissing", { name, fields: fieldNames() });
        else if (f.kind && !kinds[f.kind].sortable) add(path, "indexFieldKind", { name, kind: f.kind });
      });
    });
  }
}

function checkField(
  f: FieldEntry,
  t: TableEntry,
  tablesByKey: Map<string, TableEntry>,
  kinds: Record<FieldKind, FieldKindDef>,
  add: Add,
): void {
  const def = f.def;
  const kindProblems = f.kind ? kinds[f.kind].checkDefinition(definitionContext(f, t, tablesByKey)) : [];
  for (const problem of kindProblems) add(`${f.path}${pointer(...problem.at)}`, problem);
  // The kind's own word on the default (not one of the options) says more than the generic one.
  const defaultChecked = kindProblems.some((p) => p.at.length === 1 && p.at[0] === "default");

  let patternOk = true;
  if (typeof def.pattern === "string") {
    const problem = patternRefusal(def.pattern);
    if (problem) {
      add(`${f.path}/pattern`, problem);
      patternOk = false;
    }
  }

  if ("default" in def && !defaultChecked && patternOk && f.kind) {
    const problem = defaultProblem(def.default, def as unknown as FieldSchema, kinds[f.kind]);
    if (problem) add(`${f.path}/default`, "defaultInvalid", problem);
  }
}

function definitionContext(f: FieldEntry, t: TableEntry, tablesByKey: Map<string, TableEntry>): DefinitionContext {
  return {
    key: f.key,
    def: f.def,
    table: {
      key: t.key,
      path: t.path,
      required: Array.isArray(t.def.required) ? t.def.required.filter((k): k is string => typeof k === "string") : [],
      hasField: (key) => t.fieldsByKey.has(key),
      kindOf: (key) => t.fieldsByKey.get(key)?.kind,
    },
    tables: [...tablesByKey.keys()],
  };
}

const valueAjv = new Ajv2020({ allErrors: true, strict: false, $data: false });
addFormats(valueAjv);
addValueKeywords(valueAjv);
const valueValidators = new Map<string, ValidateFunction>();
const MAX_CACHED_VALUE_VALIDATORS = 500;

/** A default must be a value the field itself would accept. */
function defaultProblem(value: unknown, field: FieldSchema, kind: FieldKindDef): { value: string; why: string } | null {
  let schema: Record<string, unknown>;
  try {
    schema = kind.valueSchema(field);
  } catch {
    return null; // A malformed definition: the meta-schema has said why.
  }
  const cacheKey = JSON.stringify(schema);
  let validate = valueValidators.get(cacheKey);
  if (!validate) {
    try {
      validate = valueAjv.compile(schema);
    } catch {
      return null;
    }
    // Every distinct pattern or length compiles anew: bound what a long-running server keeps.
    if (valueValidators.size >= MAX_CACHED_VALUE_VALIDATORS) {
      valueValidators.clear();
      valueAjv.removeSchema();
    }
    valueValidators.set(cacheKey, validate);
  }
  if (validate(value)) return null;
  const why = (validate.errors ?? []).map((e) => `${e.instancePath || "it"} ${e.message ?? "is not valid"}`).join("; ");
  return { value: JSON.stringify(value), why };
}

/** `x-fill` copies between fields of one kind, from fields the target has, into fields staff may type in. */
function checkFills(tables: TableEntry[], tablesByKey: Map<string, TableEntry>, kinds: Record<FieldKind, FieldKindDef>, add: Add): void {
  for (const t of tables)
    for (const f of t.fields) {
      const fill = relationFill(f);
      const target = tablesByKey.get(relationTarget(f) ?? "");
      if (!fill || !target) continue;
      for (const [own, theirs] of Object.entries(fill)) {
        const path = `${f.path}/x-fill/${own}`;
        const mine = t.fieldsByKey.get(own);
        const source = target.fieldsByKey.get(theirs);
        if (!mine || mine.kind === undefined) continue; // the kind's own check names it
        if (!source) add(path, "fillNoSource", { table: target.key, theirs, own });
        else if (kinds[mine.kind].readOnly) add(path, "fillCalculated", { own });
        else if (source.kind !== mine.kind) add(path, "fillKinds", { own, table: target.key, theirs });
      }
    }
}

/** `x-same-as` and `x-at-most: "relation.field"` name a relation of this table and a field of its target. */
function checkSameAs(tables: TableEntry[], tablesByKey: Map<string, TableEntry>, add: Add): void {
  for (const t of tables)
    for (const f of t.fields)
      for (const keyword of ["x-same-as", "x-at-most"] as const) {
        const path = f.def[keyword];
        if (typeof path !== "string") continue;
        const [via, field] = path.split(".");
        const link = t.fieldsByKey.get(via);
        const target = link && tablesByKey.get(relationTarget(link) ?? "");
        if (!target) add(`${f.path}/${keyword}`, "notRelation", { via });
        else if (!target.fieldsByKey.has(field)) add(`${f.path}/${keyword}`, "noSuchField", { table: target.key, name: field });
      }
}

/**
 * `x-converted-from` names three other fields of the table (amount, currency, date) and needs the
 * field's own `x-currency-field`: the currency it converts into.
 */
function checkConvertedFrom(tables: TableEntry[], add: Add): void {
  for (const t of tables)
    for (const f of t.fields) {
      const from = f.def["x-converted-from"];
      if (!isObject(from)) continue;
      const at = `${f.path}/x-converted-from`;
      if (typeof f.def["x-currency-field"] !== "string") add(at, "convertedNeedsCurrency");
      for (const part of ["amount", "currency", "date"] as const) {
        const key = from[part];
        if (typeof key !== "string") continue;
        if (key === f.key) add(`${at}/${part}`, "convertedFromItself", { table: t.key });
        else if (!t.fieldsByKey.has(key)) add(`${at}/${part}`, "noSuchField", { table: t.key, name: key });
      }
    }
}

/** A record lock names fields of its table and the line lists (compositions) that point at it. */
function checkLocks(tables: TableEntry[], add: Add): void {
  for (const t of tables) {
    const lock = t.def["x-lock"];
    if (!isObject(lock) || !Array.isArray(lock.fields)) continue;
    const lists = tables.flatMap((other) =>
      other.fields.filter((f) => relationTarget(f) === t.key && isComposition(f)).map((f) => relationList(f)),
    );
    lock.fields.forEach((name, i) => {
      if (typeof name === "string" && !t.fieldsByKey.has(name) && !lists.includes(name))
        add(`${t.path}/x-lock/fields/${i}`, "lockUnknown", { name, names: [...t.fieldsByKey.keys(), ...lists].join(", ") });
    });
  }
}

function checkInverses(tables: TableEntry[], tablesByKey: Map<string, TableEntry>, add: Add): void {
  const byTarget = new Map<string, Map<string, string>>();
  for (const t of tables) {
    for (const f of t.fields) {
      const target = relationTarget(f);
      const inverse = relationList(f);
      if (target === undefined || inverse === undefined) continue;
      const path = `${f.path}/x-inverse`;
      if (!keyRegExp.test(inverse)) {
        add(path, "listNameInvalid", { name: inverse });
        continue;
      }
      const seen = byTarget.get(target) ?? new Map<string, string>();
      byTarget.set(target, seen);
      const first = seen.get(inverse);
      if (first !== undefined) add(path, "listTaken", { table: target, name: inverse, first });
      else seen.set(inverse, `${t.key}.${f.key}`);
      if (tablesByKey.get(target)?.fieldsByKey.has(inverse)) add(path, "listIsField", { table: target, name: inverse });
    }
  }
}

/** The result of a formula when its x-result is one; undefined otherwise (the meta-schema says why). */
function knownResult(f: FieldEntry): FormulaResultKind | undefined {
  const result = f.def["x-result"];
  return isFormula(f) && typeof result === "string" && Object.hasOwn(formulaResultKinds, result)
    ? (result as FormulaResultKind)
    : undefined;
}

/** The kind that decides a field's values: a formula's known result, otherwise its own. */
function valuesKind(f: FieldEntry, kinds: Record<FieldKind, FieldKindDef>): FieldKindDef | undefined {
  const result = knownResult(f);
  return result ? formulaResultKinds[result] : f.kind && kinds[f.kind];
}

/** Key → kind of a table's fields; a formula counts as the kind of its result. */
function scopeKinds(t: TableEntry): Record<string, string> {
  const kinds: Record<string, string> = {};
  // An invalid x-result is reported by the meta-schema; "formula" keeps it from echoing here.
  for (const f of t.fields) if (f.kind) kinds[f.key] = knownResult(f) ?? f.kind;
  return kinds;
}

function checkFormulas(t: TableEntry, tables: TableEntry[], add: Add): void {
  const formulas = t.fields.filter((f) => isFormula(f) && typeof f.def["x-formula"] === "string");
  if (formulas.length === 0) return;
  const lists: Record<string, Record<string, string>> = {};
  for (const child of tables)
    for (const f of child.fields) {
      const list = relationList(f);
      if (list !== undefined && relationTarget(f) === t.key) lists[list] = scopeKinds(child);
    }
  const scope = { fields: scopeKinds(t), lists };

  for (const f of formulas) {
    const source = f.def["x-formula"] as string;
    for (const error of checkFormula(source, scope))
      add(`${f.path}/x-formula`, "formulaAt", { problem: error.words ?? error.message, position: error.position + 1 });
  }
  try {
    formulaOrder(formulas.map((f) => ({ key: f.key, formula: f.def["x-formula"] as string })));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const first = formulas.find((f) => message.includes(`: ${f.key} →`)) ?? formulas[0];
    add(`${first.path}/x-formula`, "cycleAdvice", { problem: e instanceof WordedError ? e.phrase : message });
  }
}
