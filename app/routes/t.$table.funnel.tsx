import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { withChanges } from "@runtime/views/list-params";
import { FunnelView } from "../components/funnel/funnel-view";
import { listHref } from "../components/list/list-link";
import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { FUNNEL_MONTHS, loadFunnelPage } from "../services/views.server";
import funnelStyles from "../styles/funnel.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: funnelStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.data.table.pluralLabel ?? "Funnel"} funnel · Tessera` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  const rt = await getRuntime();
  try {
    const { compiled } = await rt.workspace.current();
    const data = await loadFunnelPage(rt.records, compiled, actor, params.table ?? "", new URL(request.url));
    if (!data)
      throw json({ error: "This table has no choice field whose options carry win probabilities to make a funnel of." }, { status: 404 });
    return json({ data, monthsShown: FUNNEL_MONTHS });
  } catch (error) {
    if (error instanceof ApiError) throw json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export default function FunnelPage() {
  const { data, monthsShown } = useLoaderData<typeof loader>();
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
          <h1 id="funnel-title">{table.pluralLabel}: funnel</h1>
          <p className="muted">
            By {field.label.toLowerCase()}, {data.funnel.total.toLocaleString("en-US")} {table.pluralLabel.toLowerCase()}
            {params.q || params.conditions?.length ? " matching the list's search and filters" : ""}.
          </p>
        </div>
        <nav className="funnel-page__links" aria-label="Other layouts">
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
            List
          </Link>
          <Link className="button button--ghost button--small" to={listHref(table.key, board)}>
            Board
          </Link>
        </nav>
      </header>
      <FunnelView data={data} monthsShown={monthsShown} />
    </section>
  );
}
