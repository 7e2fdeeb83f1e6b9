import { isAdmin, type Actor } from "@runtime/records/permissions";
import { dashboardDocument } from "@runtime/reports/dashboard-print";
import type { ReportReader } from "@runtime/reports/report-words";
import { badRequest } from "@runtime/errors";
import { listRoles } from "@runtime/auth/roles.server";
import { safeFileName } from "@runtime/print/print.server";
import { getRuntime } from "./runtime.server";

/** The dashboards screens: one dashboard run as the viewer, what an admin may add to it, and its PDF. */

export async function loadDashboardPage(actor: Actor, id: string | null, reader: ReportReader) {
  const rt = await getRuntime();
  const dashboards = await rt.dashboards.list(actor);
  const dashboard = id ? await rt.dashboards.get(actor, id) : (dashboards[0] ?? null);
  const widgets = dashboard ? await rt.dashboards.view(actor, dashboard, reader) : [];
  const admin = isAdmin(actor);
  const reports = admin ? (await rt.reports.list(actor)).map((r) => ({ id: r.id, name: r.name })) : [];
  const roles = admin ? (await listRoles(rt.db)).map((r) => ({ key: r.key, name: r.name })) : [];
  return { dashboards: dashboards.map((d) => ({ id: d.id, name: d.name })), dashboard, widgets, admin, reports, roles };
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
  const saved = await rt.dashboards.update(actor, id, body);
  return `/dashboards/${saved.id}`;
}

export async function dashboardPdf(actor: Actor, id: string, reader: ReportReader): Promise<{ filename: string; pdf: Buffer }> {
  const rt = await getRuntime();
  const dashboard = await rt.dashboards.get(actor, id);
  const views = await rt.dashboards.view(actor, dashboard, reader);
  const at = new Date().toISOString().slice(0, 16).replace("T", " ");
  const document = dashboardDocument(dashboard, views, `${at} UTC`, reader, reader.language);
  return { filename: safeFileName(dashboard.name), pdf: await rt.print.renderPdf(document) };
}

/** The home page's dashboard: the first one naming the actor's role, run as the actor, in the reader's words. */
export async function homeDashboard(actor: Actor, reader?: ReportReader) {
  const rt = await getRuntime();
  const dashboard = await rt.dashboards.forHome(actor);
  return dashboard ? { id: dashboard.id, name: dashboard.name, widgets: await rt.dashboards.view(actor, dashboard, reader) } : null;
}
