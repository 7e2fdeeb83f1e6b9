import { isAdmin, type Actor } from "@runtime/records/permissions";
import { dashboardDocument } from "@runtime/reports/dashboard-print";
import type { ReportReader } from "@runtime/reports/report-words";
import { badRequest } from "@runtime/errors";
import { listRoles } from "@runtime/auth/roles.server";
import { safeFileName } from "@runtime/print/print.server";
import { getRuntime } from "./runtime.server";
import { nameIn } from "@runtime/i18n/item-names";
import type { Dashboard } from "@runtime/reports/dashboards.server";
import { otherLanguages, translationsFromForm } from "./item-names.server";

/** The dashboards screens: one dashboard run as the viewer, what an admin may add to it, and its PDF. */

export async function loadDashboardPage(actor: Actor, id: string | null, reader: ReportReader) {
  const rt = await getRuntime();
  // `shownName`: the name in the reader's language; the arranging forms send back `name` and `translations`.
  const shown = (d: Dashboard) => ({ ...d, shownName: nameIn(d, reader.language) });
  const dashboards = (await rt.dashboards.list(actor)).map(shown).sort((a, b) => a.shownName.localeCompare(b.shownName, reader.language));
  const picked = id ? await rt.dashboards.get(actor, id) : (dashboards[0] ?? null);
  const dashboard = picked ? shown(picked) : null;
  const widgets = dashboard ? await rt.dashboards.view(actor, dashboard, reader) : [];
  const admin = isAdmin(actor);
  const reports = admin ? (await rt.reports.list(actor)).map((r) => ({ id: r.id, name: nameIn(r, reader.language) })) : [];
  const roles = admin ? (await listRoles(rt.db)).map((r) => ({ key: r.key, name: r.name })) : [];
  const languages = admin ? otherLanguages() : [];
  return {
    dashboards: dashboards.map((d) => ({ id: d.id, shownName: d.shownName })),
    dashboard,
    widgets,
    admin,
    reports,
    roles,
    languages,
  };
}

/** An admin's save, new dashboard or delete, from the screen's form. */
export async function dashboardsAction(actor: Actor, form: FormData, id: string | null): Promise<string> {
  const rt = await getRuntime();
  const intent = form.get("intent");
  if (intent === "delete" && id) {
    await rt.dashboards.remove(actor, id);
    return "/dashboards";
  }
  if (intent === "create") {
    const made = await rt.dashboards.create(actor, { name: form.get("name"), roles: [], widgets: [] });
    return `/dashboards/${made.id}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(String(form.get("dashboard") ?? ""));
  } catch {
    throw badRequest("the arrangement was not sent whole: reload the page and try again");
  }
  // Renaming sends the name and its translations beside the rest of the dashboard as it stands.
  if (intent === "rename") body = { ...(body as object), name: form.get("name"), translations: translationsFromForm(form) };
  const saved = await rt.dashboards.update(actor, id, body);
  return `/dashboards/${saved.id}`;
}

export async function dashboardPdf(actor: Actor, id: string, reader: ReportReader): Promise<{ filename: string; pdf: Buffer }> {
  const rt = await getRuntime();
  const dashboard = await rt.dashboards.get(actor, id);
  const views = await rt.dashboards.view(actor, dashboard, reader);
  const at = new Date().toISOString().slice(0, 16).replace("T", " ");
  const document = dashboardDocument(
    { ...dashboard, name: nameIn(dashboard, reader.language) },
    views,
    `${at} UTC`,
    reader,
    reader.language,
  );
  return { filename: safeFileName(nameIn(dashboard, reader.language)), pdf: await rt.print.renderPdf(document) };
}

/** The home page's dashboard: the first one naming the actor's role, run as the actor, in the reader's words. */
export async function homeDashboard(actor: Actor, reader?: ReportReader) {
  const rt = await getRuntime();
  const dashboard = await rt.dashboards.forHome(actor);
  return dashboard
    ? {
        id: dashboard.id,
        name: reader ? nameIn(dashboard, reader.language) : dashboard.name,
        widgets: await rt.dashboards.view(actor, dashboard, reader),
      }
    : null;
}
