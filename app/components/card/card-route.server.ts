import { layoutInLanguage } from "@runtime/layouts/layout-in-language";
import { json, redirect, type TypedResponse } from "@remix-run/node";
import { ApiError } from "@runtime/errors";
import { say, sayError } from "@runtime/i18n/words";
import { fieldKinds } from "@runtime/fields/registry";
import type { FormatOptions } from "@runtime/fields/types";
import { resolveLayout } from "@runtime/layouts/resolve-layout";
import type { CardLayout, LayoutElement } from "@runtime/layouts/types";
import { listsUsedByFormulas } from "@runtime/records/compute";
import { lockedKeys } from "@runtime/records/locks";
import { lockedFields, mayDo, type Actor } from "@runtime/records/permissions";
import type { CompiledTable } from "@runtime/schema/compile";
import { schemaAround } from "@runtime/schema/schema-around";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { nameIn } from "@runtime/i18n/item-names";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { actorFor } from "../../services/actor.server";
import { languageOf, translatorOf } from "../../services/i18n.server";
import { defaultCardOf } from "../../services/default-card.server";
import { getLayouts } from "../../services/layouts.server";
import { getDocxService } from "../../services/docx.server";
import { getPrintService } from "../../services/print.server";
import { mailOffer } from "../../services/mail.server";
import { cardTimeline } from "../../services/timeline.server";
import { getRuntime } from "../../services/runtime.server";
import { isRelation, relationTarget } from "@runtime/fields/structure";
import { compositionLists, FORM_KEYS, parseCardForm, validateCard, type Lines } from "./card-values";
import type { CardActionData, CardData } from "./card-types";
import { relatedColumns } from "./related-columns";
import { applyLineIntent } from "./line-intents";
import type { Words } from "@runtime/i18n/translator";
import { describeTemplateCondition, docxMenuItems, printMenuItems, type PrintMenuItem } from "../print-menu-items";

// The same object for every card of a table at one schema version: the page renders compile it
// once (card-screen.tsx caches by object), instead of compiling the workspace per request.
const cardSchemas = new Map<string, WorkspaceSchema>();
function cardSchema(schema: WorkspaceSchema, version: number, language: string, tableKey: string): WorkspaceSchema {
  const key = `${version}:${language}:${tableKey}`;
  let part = cardSchemas.get(key);
  if (!part) {
    if (cardSchemas.size > 500) cardSchemas.clear();
    part = schemaAround(schema, tableKey);
    cardSchemas.set(key, part);
  }
  return part;
}
const RELATED_PAGE = 10;

/** The table in the reader's language (labels, help, option labels); the records service keeps the schema as stored. */
async function context(request: Request, tableKey: string | undefined) {
  const runtime = await getRuntime();
  const language = await languageOf(request);
  const { compiled, schema, version } = inLanguage(await runtime.workspace.current(), language);
  const table = tableKey ? compiled.tablesByKey.get(tableKey) : undefined;
  if (!table) throw new Response(`There is no table "${tableKey}"`, { status: 404 });
  const format: FormatOptions = { locale: languagePack(language).locale };
  return { runtime, compiled, schema, version, table, language, format };
}

const isRelationKey = (table: CompiledTable, key: string) => {
  const field = table.fieldsByKey.get(key);
  return field !== undefined && isRelation(field);
};

function relationKeys(table: CompiledTable): string[] {
  return table.fields.filter(isRelation).map((f) => f.key);
}

function relatedListsIn(layout: CardLayout): { list: string; columns?: string[] }[] {
  const out: { list: string; columns?: string[] }[] = [];
  const visit = (els: LayoutElement[]) =>
    els.forEach((el) => (el.type === "RelatedList" ? out.push(el) : "elements" in el ? visit(el.elements) : undefined));
  if (layout.type === "Categorization") layout.elements.forEach((c) => visit(c.elements));
  else visit(layout.elements);
  return out;
}

/** `?client=12&date=2025-01-31` on a new card: each value parsed by its field's kind, bad ones ignored. */
function prefill(table: CompiledTable, url: URL): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of table.fields) {
    if (f.def.default !== undefined) out[f.key] = f.def.default;
    const raw = url.searchParams.get(f.key);
    if (raw === null || fieldKinds[f.kind].readOnly) continue;
    const parsed = fieldKinds[f.kind].parseText(raw, f.def);
    if (parsed.ok) out[f.key] = parsed.value;
  }
  return out;
}

/** The Print menu of a stored record, or undefined when the actor may not print this table. */
async function printMenu(
  actor: Actor,
  table: CompiledTable,
  recordId: number,
  t: Words,
  language: string,
): Promise<PrintMenuItem[] | undefined> {
  if (!mayDo(actor, "print", table)) return undefined;
  const print = await getPrintService();
  // The templates' names in the reader's language; the menu's links go by id.
  const offered = (await print.offered(actor, table.key, recordId)).map((o) => ({ ...o, name: nameIn(o, language) }));
  // Conditions in words only when something is not offered: the usual card pays one query less.
  const conditions = offered.some((t) => t.offered === false)
    ? new Map((await print.templates.list(table.key)).map((t) => [t.id, t.condition]))
    : new Map<string, unknown>();
  const noun = table.label.toLowerCase();
  const word = docxMenuItems(await (await getDocxService()).list(actor, table.key), recordId, t);
  return [
    ...printMenuItems(
      offered,
      recordId,
      (id) => {
        const rule = describeTemplateCondition(conditions.get(id), table, t);
        return rule
          ? t("printMenu.notForThis", { noun, rule: `${rule.charAt(0).toLocaleLowerCase()}${rule.slice(1)}` })
          : t("printMenu.conditionFails", { noun });
      },
      t,
    ),
    ...word,
  ];
}

export async function loadCard(request: Request, tableKey: string | undefined, id: string | null): Promise<CardData> {
  const { runtime, compiled, schema, version, table, language, format } = await context(request, tableKey);
  const actor = await actorFor(request);
  const stored = await (await getLayouts()).get(actor, table.key);
  const { t } = translatorOf(language);
  // A card nobody designed is built in the reader's words; a designed one reads its own translations.
  const layout = stored.custom ? layoutInLanguage(stored.layout, language) : defaultCardOf(compiled, table.key, language);
  const resolved = resolveLayout(layout, table, compiled);
  const records = runtime.records;

  let record: Record<string, unknown> | null = null;
  let initial: Record<string, unknown> = {};
  if (id !== null) {
    record = await records.get(actor, table.key, id, { expand: relationKeys(table).join(",") });
    for (const list of compositionLists(table)) {
      const child = compiled.tablesByKey.get(list.table)!;
      const keys = relationKeys(child).filter((k) => k !== list.field);
      if (keys.length === 0) continue;
      const { rows } = await records.list(actor, child.key, {
        filter: { field: list.field, op: "eq", value: record.id },
        pageSize: 500,
        expand: keys.join(","),
      });
      const byId = new Map(rows.map((r) => [r.id, r._expanded]));
      record[list.name] = ((record[list.name] as Record<string, unknown>[]) ?? []).map((l) => ({
        ...l,
        _expanded: byId.get(l.id as number),
      }));
    }
  } else {
    initial = prefill(table, new URL(request.url));
    const refs: Record<string, unknown> = {};
    for (const f of table.fields) {
      const target = relationTarget(f);
      if (!target || typeof initial[f.key] !== "number" || !compiled.tablesByKey.has(target)) continue;
      const targetTable = compiled.tablesByKey.get(target)!;
      const linked = await records.get(actor, target, initial[f.key]).catch(() => null);
      if (linked)
        refs[f.key] = {
          id: linked.id,
          title: String((targetTable.titleField && linked[targetTable.titleField]) || `${targetTable.label} #${linked.id}`),
        };
    }
    initial._expanded = refs;
  }

  const related: CardData["related"] = {};
  const formulaLists: Lines = {};
  if (record) {
    for (const el of relatedListsIn(resolved.layout)) {
      const list = table.lists.find((l) => l.name === el.list);
      if (!list || list.composition) continue;
      const child = compiled.tablesByKey.get(list.table)!;
      const columns = relatedColumns(child, list.field, el.columns);
      const expand = columns.filter((k) => isRelationKey(child, k));
      const page = await records.list(actor, child.key, {
        filter: { field: list.field, op: "eq", value: record.id },
        sort: "-id",
        pageSize: RELATED_PAGE,
        ...(expand.length ? { expand: expand.join(",") } : {}),
      });
      related[list.name] = { rows: page.rows, total: page.total, columns, mayCreate: mayDo(actor, "create", child) };
    }
    for (const name of listsUsedByFormulas(table)) {
      const list = table.lists.find((l) => l.name === name);
      if (!list || list.composition) continue;
      formulaLists[name] = (
        await records.list(actor, list.table, { filter: { field: list.field, op: "eq", value: record.id }, pageSize: 500 })
      ).rows;
    }
  }
  const placedRequired = new Set(
    resolved.unplaced.filter((f) => f.required && !(table.parent && f.key === table.parent.field)).map((f) => f.key),
  );
  return {
    tableKey: table.key,
    schema: cardSchema(schema, version, language, table.key),
    schemaVersion: version,
    layout: resolved.layout,
    notices: resolved.notices.map((n) => n.message),
    extraFields: [...placedRequired],
    record,
    initial,
    related,
    formulaLists,
    format,
    rights: {
      create: mayDo(actor, "create", table),
      update: mayDo(actor, "update", table),
      // An issued invoice (the table's x-lock) is not deleted, and its locked fields and lines read only.
      delete: mayDo(actor, "delete", table) && !(record && lockedKeys(table, record).size),
      locked: [...lockedFields(actor, table), ...(record ? lockedKeys(table, record) : [])],
    },
    ...(record && typeof record.id === "number"
      ? {
          prints: await printMenu(actor, table, record.id, t, language),
          mail: await mailOffer(actor, table, record.id, language),
          timeline: await cardTimeline(actor, compiled, table, record.id, format, language),
        }
      : {}),
  };
}

function fieldErrorsOf(error: ApiError): Record<string, string> {
  const details = error.details as { fields?: Record<string, string> } | undefined;
  return details?.fields ?? {};
}

/** Save, delete, overwrite after a conflict, or (without JavaScript) add/move/remove a line. */
export async function cardAction(
  request: Request,
  tableKey: string | undefined,
  id: string | null,
): Promise<TypedResponse<CardActionData>> {
  const { runtime, compiled, table, language } = await context(request, tableKey);
  const { t } = translatorOf(language);
  const actor = await actorFor(request);
  const form = await request.formData();
  const intent = String(form.get(FORM_KEYS.intent) ?? "save");

  if (intent === "delete" && id !== null) {
    try {
      await runtime.records.remove(actor, table.key, id);
      return redirect(`/t/${table.key}`);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404))
        return json<CardActionData>({ formError: sayError(error, t) }, error.status);
      throw error;
    }
  }

  const parsed = parseCardForm(form, compiled, table, t);
  const lineResult = applyLineIntent(intent, parsed.lists, compiled, table);
  if (lineResult) return json<CardActionData>({ values: parsed.values, lists: lineResult });
  if (Object.keys(parsed.errors).length) {
    // Report every problem at once (a required field left empty too), not only the unreadable text.
    const errors = { ...validateCard(compiled, table, parsed.values, parsed.lists, id === null, t), ...parsed.errors };
    return json<CardActionData>({ ...parsed, errors, formError: t("cardForm.notSaved", { label: table.label }) }, 422);
  }

  try {
    const body = { ...parsed.values, ...parsed.lists };
    if (id === null) {
      const created = await runtime.records.create(actor, table.key, body);
      return redirect(`/t/${table.key}/${created.id}`);
    }
    const version = intent === "overwrite" ? form.get(FORM_KEYS.theirVersion) : form.get(FORM_KEYS.version);
    await runtime.records.update(actor, table.key, id, body, String(version ?? ""));
    return redirect(`/t/${table.key}/${id}`);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 409) {
      const stored = (error.details as { current?: Record<string, unknown> } | undefined)?.current;
      // Their version with linked records' titles, so the conflict panel can name them.
      const current =
        stored && id !== null
          ? await runtime.records.get(actor, table.key, id, { expand: relationKeys(table).join(",") }).catch(() => stored)
          : stored;
      if (current)
        return json<CardActionData>(
          { values: parsed.values, lists: parsed.lists, conflict: { message: sayError(error, t), current } },
          409,
        );
    }
    // The service speaks English; what the card can check itself it says again in the reader's
    // words, and so it does the problems the service worded as phrases (a value already taken).
    const fields = fieldErrorsOf(error);
    const local = Object.keys(fields).length ? validateCard(compiled, table, parsed.values, parsed.lists, id === null, t) : {};
    const worded = error.fieldWords ?? {};
    const errors = Object.fromEntries(
      Object.entries(fields).map(([key, message]) => [key, local[key] ?? (worded[key] ? say(worded[key], t) : message)]),
    );
    return json<CardActionData>({ values: parsed.values, lists: parsed.lists, errors, formError: sayError(error, t) }, error.status);
  }
}
