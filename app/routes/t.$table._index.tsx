import type { SerializeFrom } from "@remix-run/node";
import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { otherLanguages } from "../services/item-names.server";
import { json, redirect } from "@remix-run/node";
import { isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError, useSearchParams } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { exportQueryOf } from "@runtime/dataio/export-query";
import { DataMenu } from "../components/dataio/data-menu";
import { ListScreen } from "../components/list/list-screen";
import { actorFor } from "../services/actor.server";
import { languageOf, errorIn } from "../services/i18n.server";
import { handleListAction, listPageDeps, loadListPage, singleRecordHref } from "../services/views.server";
import batchPrintStyles from "../styles/batch-print.css";
import boardStyles from "../styles/board.css";
import calendarStyles from "../styles/calendar.css";
import dataioStyles from "../styles/dataio.css";
import fieldStyles from "../styles/fields.css";
import listStyles from "../styles/list.css";
import { EVAL_IN_BROWSER } from "../utils/browser-eval";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fieldStyles },
  { rel: "stylesheet", href: listStyles },
  { rel: "stylesheet", href: batchPrintStyles },
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: calendarStyles },
  { rel: "stylesheet", href: dataioStyles },
];

/** Cards opened from here compile validators: see app/utils/browser-eval.ts. */
export const meta = titledMeta;
export const handle: TitledHandle & typeof EVAL_IN_BROWSER = {
  ...EVAL_IN_BROWSER,
  title: (t, data?: SerializeFrom<typeof loader>) => data?.table.pluralLabel ?? t("list.list"),
};

async function asResponse(request: Request, error: unknown): Promise<never> {
  if (error instanceof ApiError) throw json({ error: await errorIn(request, error) }, { status: error.status });
  throw error;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  try {
    const deps = await listPageDeps(await languageOf(request));
    const actor = await actorFor(request);
    // A one-record table (the company card) opens as that card; with a query it is still a list.
    const single = url.search ? null : await singleRecordHref(deps, actor, params.table ?? "");
    if (single) return redirect(single);
    const page = await loadListPage(deps, actor, params.table ?? "", url);
    return json({ ...page, languages: otherLanguages(), exportQuery: exportQueryOf(page.state) });
  } catch (error) {
    return asResponse(request, error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  try {
    const result = await handleListAction(await listPageDeps(), await actorFor(request), params.table ?? "", await request.formData());
    if ("redirectTo" in result)
      return redirect(`${result.redirectTo}${result.redirectTo.includes("?") ? "&" : "?"}done=${encodeURIComponent(result.intent)}`);
    return json(result);
  } catch (error) {
    if (error instanceof ApiError && error.status !== 404)
      return json({ intent: "error" as const, error: await errorIn(request, error) }, { status: error.status });
    return asResponse(request, error);
  }
}

/** What `?done=` after a view action says (`views.done.*`). */
const DONE = new Set(["save-view", "update-view", "delete-view", "set-default"]);

export default function TableList() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const done = search.get("done");
  const message = actionData && "error" in actionData ? undefined : done && DONE.has(done) ? t(`views.done.${done}`) : undefined;
  return (
    <>
      {actionData && "error" in actionData ? (
        <p className="notice notice--error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <ListScreen
        data={data}
        message={message}
        actions={<DataMenu table={data.table.key} exportQuery={data.exportQuery} mayImport={data.rights.create} />}
      />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const { t } = useTranslation();
  const text = isRouteErrorResponse(error) && typeof error.data?.error === "string" ? error.data.error : t("views.listFailed");
  return (
    <section className="error-panel" role="alert">
      <h1>{status === 404 ? t("views.noSuchTable") : t("errors.failedTitle")}</h1>
      <p>{text}</p>
      <p>
        <Link className="button" to="/">
          {t("errors.backHome")}
        </Link>
      </p>
    </section>
  );
}
