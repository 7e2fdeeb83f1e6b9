import { ApiError } from "@runtime/errors";
import { badReport } from "@runtime/reports/report-refusals";
import { sayError } from "@runtime/i18n/words";
import { isAdmin, unseenFields, type Actor } from "@runtime/records/permissions";
import { builderTables } from "@runtime/reports/builder-fields";
import type { ChartType, SavedReport } from "@runtime/reports/reports.server";
import type { ReportResult } from "@runtime/reports/run.server";
import type { ReportSpec } from "@runtime/reports/spec";
import { listRoles } from "@runtime/auth/roles.server";
import { listFields } from "@runtime/views/list-page.server";
import { todayIn } from "@runtime/views/calendar-range";
import { inLanguage } from "@runtime/i18n/schema-translations";
import type { ReportReader } from "@runtime/reports/report-words";
import { languageOf, localeFor, translatorOf } from "./i18n.server";
import { getRuntime } from "./runtime.server";
import { nameIn } from "@runtime/i18n/item-names";
import { otherLanguages, translationsFromForm } from "./item-names.server";

/**
 * The reports screen's data: the saved reports the person may see, the one open (saved or typed
 * into the address as `?spec=`), its figures run as the person, and what the builder may offer.
 */

function specOf(url: URL): unknown {
  const raw = url.searchParams.get("spec");
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    throw badReport("specJson");
  }
}

/** The request's reader of reports: its language (tables, fields, options), words and locale. */
export async function reportReaderOf(request: Request): Promise<ReportReader> {
  const language = await languageOf(request);
  const translator = translatorOf(language);
  return { language, locale: await localeFor(request), t: (key, values) => translator.t(key, values) };
}

export async function reportToExport(actor: Actor, url: URL, reader?: ReportReader): Promise<{ name: string; result: ReportResult }> {
  const rt = await getRuntime();
  const id = url.searchParams.get("id");
  const saved = id ? await rt.reports.get(actor, id) : null;
  const spec = specOf(url) ?? saved?.spec;
  if (!spec) throw badReport("which");
  return {
    name: (saved && reader ? nameIn(saved, reader.language) : saved?.name) ?? reader?.t("reports.untitled") ?? "Report",
    result: await rt.reports.run(actor, spec, reader),
  };
}

export async function loadReportsPage(actor: Actor, url: URL, id: string | null, reader: ReportReader) {
  const rt = await getRuntime();
  const { compiled } = inLanguage(await rt.workspace.current(), reader.language);
  // `shownName`: the name in the reader's language; the form edits `name` and `translations`.
  const shown = (r: SavedReport) => ({ ...r, shownName: nameIn(r, reader.language) });
  // Listed by the name the reader sees, in their language's order.
  const saved = (await rt.reports.list(actor)).map(shown).sort((a, b) => a.shownName.localeCompare(b.shownName, reader.language));
  const stored: SavedReport | null = id ? await rt.reports.get(actor, id) : null;
  const current = stored ? shown(stored) : null;
  const tables = builderTables(actor, compiled);
  const typed = specOf(url) as ReportSpec | null;
  const spec: ReportSpec | null =
    typed ?? current?.spec ?? (tables[0] ? { table: tables[0].key, groupBy: [], measures: [{ op: "count" }] } : null);
  const chart = (url.searchParams.get("chart") ?? current?.chart ?? "bar") as ChartType;
  let result: ReportResult | null = null;
  let error: string | null = null;
  if (spec)
    try {
      result = await rt.reports.run(actor, spec, reader);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      error = sayError(e, reader.t);
    }
  const table = spec ? compiled.tablesByKey.get(spec.table) : undefined;
  const unseen = table ? unseenFields(actor, compiled, table) : new Set<string>();
  const filterFields = table ? listFields(table).filter((f) => !unseen.has(f.key)) : [];
  const roles = isAdmin(actor) ? (await listRoles(rt.db)).filter((r) => !r.admin).map((r) => ({ key: r.key, name: r.name })) : [];
  const timeZone = process.env.TESSERA_TIME_ZONE || "UTC";
  const languages = otherLanguages();
  return {
    saved,
    current,
    spec,
    chart,
    result,
    error,
    tables,
    filterFields,
    roles,
    languages,
    today: todayIn(timeZone),
    changed: typed !== null,
  };
}

/** The reports screen's form: save (as the open report, or as a new one) or delete. */
export async function reportsAction(actor: Actor, form: FormData, id: string | null): Promise<{ redirect: string }> {
  const rt = await getRuntime();
  const intent = form.get("intent");
  if (intent === "delete" && id) {
    await rt.reports.remove(actor, id);
    return { redirect: "/reports" };
  }
  let spec: unknown;
  try {
    spec = JSON.parse(String(form.get("spec") ?? ""));
  } catch {
    throw badReport("notWhole");
  }
  const input = {
    name: form.get("name"),
    translations: translationsFromForm(form),
    spec,
    chart: form.get("chart"),
    roles: form.getAll("roles").map(String),
  };
  const saved = intent === "save" && id ? await rt.reports.update(actor, id, input) : await rt.reports.create(actor, input);
  return { redirect: `/reports/${saved.id}` };
}
