import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "@runtime/errors";
import type { Widget, WidgetView } from "@runtime/reports/dashboards.server";
import { CsrfField } from "../components/csrf-field";
import { DashboardGrid } from "../components/dashboards/dashboard-grid";
import { actorFor } from "../services/actor.server";
import { dashboardsAction, loadDashboardPage } from "../services/dashboards.server";
import { reportReaderOf } from "../services/reports.server";
import { useRoleName } from "../i18n/use-role-name";
import { NameTranslations } from "../components/name-translations";
import dashboardStyles from "../styles/dashboards.css";
import reportsStyles from "../styles/reports.css";
import { errorIn } from "../services/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.dashboard?.shownName ?? data?.title ?? "Dashboards"} · Tessera` },
];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: reportsStyles },
  { rel: "stylesheet", href: dashboardStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const reader = await reportReaderOf(request);
    return json({ ...(await loadDashboardPage(await actorFor(request), params.id ?? null, reader)), title: reader.t("nav.dashboards") });
  } catch (error) {
    if (error instanceof ApiError) throw json({ error: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  try {
    return redirect(await dashboardsAction(await actorFor(request), await request.formData(), params.id ?? null));
  } catch (error) {
    if (error instanceof ApiError) return json({ error: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as { error?: string } | undefined;
  const { dashboard, admin } = data;
  const loaded = data.widgets as unknown as WidgetView[];
  const [arranging, setArranging] = useState(false);
  const [views, setViews] = useState(loaded);
  // New figures from the server (after a save) replace the local arrangement in the same render.
  const [shown, setShown] = useState(loaded);
  if (shown !== loaded) {
    setShown(loaded);
    setViews(loaded);
  }
  const rearrange = (widgets: Widget[]) => {
    // Each widget keeps its figures: the views are re-ordered, not run again.
    const pool = [...views];
    setViews(
      widgets.map((w) => {
        const at = pool.findIndex((v) => v.widget.report === w.report);
        const [view] = pool.splice(at, 1);
        return { ...view, widget: w };
      }),
    );
  };
  // The stored name and its translations travel whole: only the renaming form changes them.
  const body = (widgets: Widget[], extra: Partial<{ name: string; roles: string[] }> = {}) =>
    JSON.stringify({ name: dashboard!.name, translations: dashboard!.translations, roles: dashboard!.roles, widgets, ...extra });

  return (
    <section className="dashboard-page">
      <header className="dashboard-page__header">
        <div>
          <h1>{dashboard?.shownName ?? t("nav.dashboards")}</h1>
          {data.dashboards.length > 1 ? (
            <nav className="dashboard-page__others" aria-label={t("nav.dashboards")}>
              {data.dashboards.map((d) => (
                <Link key={d.id} to={`/dashboards/${d.id}`} className={d.id === dashboard?.id ? "chip chip--on" : "chip"}>
                  {d.shownName}
                </Link>
              ))}
            </nav>
          ) : null}
        </div>
        {dashboard ? (
          <div className="dashboard-page__actions">
            <a className="button button--ghost button--small" href={`/dashboards/${dashboard.id}/pdf`}>
              PDF
            </a>
            {admin ? (
              <button type="button" className="button button--small" aria-pressed={arranging} onClick={() => setArranging((v) => !v)}>
                {arranging ? t("dashboards.doneArranging") : t("dashboards.arrange")}
              </button>
            ) : null}
          </div>
        ) : null}
      </header>

      {failed?.error ? (
        <p className="notice notice--error" role="alert">
          {failed.error}
        </p>
      ) : null}

      {dashboard ? (
        <DashboardGrid views={views} arranging={arranging} onChange={rearrange} />
      ) : (
        <p className="muted">{admin ? t("dashboards.noneAdmin") : t("dashboards.none")}</p>
      )}

      {admin && dashboard && arranging ? (
        <div className="dashboard-page__editor">
          <Form method="post" className="dashboard-page__save">
            <CsrfField />
            <input type="hidden" name="dashboard" value={body(views.map((v) => v.widget))} />
            <button className="button button--primary" name="intent" value="save">
              {t("dashboards.saveArrangement")}
            </button>
          </Form>
          <Form method="post" className="dashboard-page__add">
            <CsrfField />
            <AddReport reports={data.reports} onPick={(id) => body([...views.map((v) => v.widget), { report: id, size: "half" }])} />
          </Form>
          <Form method="post" className="dashboard-page__roles">
            <CsrfField />
            <RolesPicker
              roles={data.roles}
              chosen={dashboard.roles}
              toBody={(roles) =>
                body(
                  views.map((v) => v.widget),
                  { roles },
                )
              }
            />
          </Form>
          <Form method="post" className="dashboard-page__names">
            <CsrfField />
            <input type="hidden" name="dashboard" value={body(views.map((v) => v.widget))} />
            <label>
              <span>{t("dashboards.name")}</span>
              <input className="input" name="name" required maxLength={120} defaultValue={dashboard.name} key={dashboard.id} />
            </label>
            <NameTranslations languages={data.languages} translations={dashboard.translations} itemKey={dashboard.id} />
            <button className="button" name="intent" value="rename">
              {t("itemNames.save")}
            </button>
          </Form>
          <Form method="post">
            <CsrfField />
            <button className="button button--danger button--ghost" name="intent" value="delete">
              {t("dashboards.delete")}
            </button>
          </Form>
        </div>
      ) : null}

      {admin ? (
        <Form method="post" className="dashboard-page__new">
          <CsrfField />
          <label>
            <span>{t("dashboards.new")}</span>
            <input className="input" name="name" required maxLength={120} placeholder={t("dashboards.name")} />
          </label>
          <button className="button" name="intent" value="create">
            {t("dashboards.create")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function AddReport({ reports, onPick }: { reports: { id: number; name: string }[]; onPick(id: number): string }) {
  const { t } = useTranslation();
  const [id, setId] = useState(reports[0]?.id ?? 0);
  return (
    <>
      <label>
        <span>{t("dashboards.addReport")}</span>
        <select className="input" value={id} onChange={(e) => setId(Number(e.target.value))}>
          {reports.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <input type="hidden" name="dashboard" value={onPick(id)} />
      <button className="button" name="intent" value="save" disabled={!id}>
        {t("dashboards.add")}
      </button>
    </>
  );
}

function RolesPicker(props: { roles: { key: string; name: string }[]; chosen: string[]; toBody(roles: string[]): string }) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const [chosen, setChosen] = useState(props.chosen);
  return (
    <>
      <fieldset className="dashboard-page__role-list">
        <legend>{t("dashboards.homeOf")}</legend>
        {props.roles.map((r) => (
          <label key={r.key}>
            <input
              type="checkbox"
              checked={chosen.includes(r.key)}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, r.key] : c.filter((k) => k !== r.key)))}
            />{" "}
            {roleName(r.key, r.name)}
          </label>
        ))}
      </fieldset>
      <input type="hidden" name="dashboard" value={props.toBody(chosen)} />
      <button className="button" name="intent" value="save">
        {t("dashboards.saveRoles")}
      </button>
    </>
  );
}
