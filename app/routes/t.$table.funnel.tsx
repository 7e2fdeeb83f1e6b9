import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { ApiError } from "@runtime/errors";
import { withChanges } from "@runtime/views/list-params";
import { FunnelView } from "../components/funnel/funnel-view";
import { listHref } from "../components/list/list-link";
import { actorFor } from "../services/actor.server";
import { languageOf, translatorOf, errorIn } from "../services/i18n.server";
import { getRuntime } from "../services/runtime.server";
import { useLocale } from "../i18n/use-locale";
import { FUNNEL_MONTHS, loadFunnelPage } from "../services/views.server";
import funnelStyles from "../styles/funnel.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: funnelStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Funnel"} · Tessera` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  const rt = await getRuntime();
  const language = await languageOf(request);
  const translator = translatorOf(language);
  try {
    // Tables, fields and stages named in the reader's language; the records are counted as stored.
    const { compiled } = inLanguage(await rt.workspace.current(), language);
    const data = await loadFunnelPage(rt.records, compiled, actor, params.table ?? "", new URL(request.url));
    if (!data) throw json({ error: translator.t("funnel.none") }, { status: 404 });
    return json({ data, monthsShown: FUNNEL_MONTHS, title: translator.t("funnel.pageTitle", { records: data.table.pluralLabel }) });
  } catch (error) {
    if (error instanceof ApiError) throw json({ error: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
}

export default function FunnelPage() {
  const { data, monthsShown } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const { table, field, fields, params } = data;
  const [search] = useSearchParams();
  const board = withChanges(params, { layout: "board", groupBy: field.key });
  const by = (key: string) => {
    const next = new URLSearchParams(search);
    next.set("by", key);
    return `?${next.toString()}`;
  };
  return (
    <section className="funnel-page" aria-labelledby="funnel-title">
      <header className="funnel-page__header">
        <div>
          <h1 id="funnel-title">{t("funnel.title", { records: table.pluralLabel })}</h1>
          <p className="muted">
            {t(params.q || params.conditions?.length ? "funnel.summaryFiltered" : "funnel.summary", {
              field: field.label.toLowerCase(),
              total: data.funnel.total.toLocaleString(locale),
              records: table.pluralLabel.toLowerCase(),
            })}
          </p>
        </div>
        <nav className="funnel-page__links" aria-label={t("funnel.otherLayouts")}>
          {fields.length > 1
            ? fields.map((f) => (
                <Link key={f.key} className={f.key === field.key ? "chip chip--on" : "chip"} to={by(f.key)}>
                  {f.label}
                </Link>
              ))
            : null}
          <Link
            className="button button--ghost button--small"
            to={listHref(table.key, withChanges(params, { layout: undefined, groupBy: undefined }))}
          >
            {t("list.list")}
          </Link>
          <Link className="button button--ghost button--small" to={listHref(table.key, board)}>
            {t("list.board")}
          </Link>
        </nav>
      </header>
      <FunnelView data={data} monthsShown={monthsShown} />
    </section>
  );
}
