import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { ApiError } from "@runtime/errors";
import { ReportsScreen } from "../components/reports/reports-screen";
import { actorFor } from "../services/actor.server";
import { loadReportsPage, reportReaderOf, reportsAction } from "../services/reports.server";
import reportsStyles from "../styles/reports.css";
import { errorIn } from "../services/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Reports"} · Tessera` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const reader = await reportReaderOf(request);
    const page = await loadReportsPage(await actorFor(request), new URL(request.url), params.id ?? null, reader);
    return json({ ...page, title: page.current?.shownName ?? reader.t("nav.reports") });
  } catch (error) {
    if (error instanceof ApiError) throw json({ error: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  try {
    return redirect((await reportsAction(await actorFor(request), await request.formData(), params.id ?? null)).redirect);
  } catch (error) {
    if (error instanceof ApiError) return json({ error: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
}

export default ReportsScreen;
