import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { WidgetView } from "@runtime/reports/dashboards.server";
import { DashboardGrid } from "../components/dashboards/dashboard-grid";
import { HomePanel } from "../components/home/home-panel";
import { actorFor } from "../services/actor.server";
import { homeDashboard } from "../services/dashboards.server";
import { homeFor } from "../services/home.server";
import { reportReaderOf } from "../services/reports.server";
import dashboardStyles from "../styles/dashboards.css";
import homeStyles from "../styles/home.css";
import reportsStyles from "../styles/reports.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: homeStyles },
  { rel: "stylesheet", href: reportsStyles },
  { rel: "stylesheet", href: dashboardStyles },
];

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.home") };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  const reader = await reportReaderOf(request);
  const [home, dashboard] = await Promise.all([homeFor(actor, reader.language), homeDashboard(actor, reader)]);
  return json({ name: actor.name, ...home, dashboard });
}

export default function Home() {
  const { name, panels, notes, dashboard } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="home">
      <header className="page-header">
        <h1 className="page-header__title">{t("homePage.greeting", { name: name.split(" ")[0] })}</h1>
        <p className="page-header__summary">{t("homePage.summary")}</p>
      </header>
      {notes.length ? (
        <div className="notice notice--warning home__notes" role="status">
          {notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </div>
      ) : null}
      {dashboard ? (
        <section className="home__dashboard" aria-labelledby="home-dashboard">
          <h2 id="home-dashboard" className="home__dashboard-title">
            <Link to={`/dashboards/${dashboard.id}`}>{dashboard.name}</Link>
          </h2>
          <DashboardGrid views={dashboard.widgets as unknown as WidgetView[]} arranging={false} />
        </section>
      ) : null}
      {panels.length === 0 ? (
        <p className="home__empty">{t("homePage.empty")}</p>
      ) : (
        <div className="home__grid">
          {panels.map((panel) => (
            <HomePanel key={panel.id} panel={panel} />
          ))}
        </div>
      )}
    </div>
  );
}
