import type { SerializeFrom } from "@remix-run/node";
import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { languageOf } from "../services/i18n.server";
import { useCounting } from "~/i18n/use-counting";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Highlight } from "../components/highlight";
import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { globalSearch } from "../services/search.server";

export const meta = titledMeta;
export const handle: TitledHandle = {
  title: (t, data?: SerializeFrom<typeof loader>) => (data?.q ? t("titles.searchFor", { q: data.q }) : t("list.search")),
};

export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const runtime = await getRuntime();
  const actor = await actorFor(request);
  const { compiled } = inLanguage(await runtime.workspace.current(), await languageOf(request));
  return json({ q, groups: await globalSearch(runtime.records, compiled, actor, q, 20) });
}

export default function SearchPage() {
  const { q, groups } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { total } = useCounting();
  return (
    <div className="search-page">
      <h1>{t("list.search")}</h1>
      <Form method="get" className="search-page-form" role="search">
        <label htmlFor="search-q" className="visually-hidden">
          {t("search.label")}
        </label>
        <input id="search-q" name="q" type="search" defaultValue={q} placeholder={t("search.pagePlaceholder")} autoFocus />
        <button type="submit" className="button">
          {t("list.search")}
        </button>
      </Form>
      {q && groups.length === 0 ? <p className="search-page-empty">{t("search.nothingMatches", { q })}</p> : null}
      {groups.map((g) => (
        <section key={g.table} className="search-page-group" aria-labelledby={`group-${g.table}`}>
          <h2 id={`group-${g.table}`}>
            {g.label} <span>{total(g.total, g.totalExact)}</span>
          </h2>
          <ul>
            {g.rows.map((r) => (
              <li key={r.id}>
                <Link to={`/t/${g.table}/${r.id}`}>
                  <Highlight text={r.title} q={q} />
                </Link>
              </li>
            ))}
          </ul>
          {g.total > g.rows.length ? (
            <Link to={`/t/${g.table}?q=${encodeURIComponent(q)}`}>{t("search.showAll", { label: g.label })}</Link>
          ) : null}
        </section>
      ))}
    </div>
  );
}
