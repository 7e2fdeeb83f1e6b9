import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Highlight } from "../components/highlight";
import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { globalSearch } from "../services/search.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.q ? `“${data.q}” — Search — Tessera` : "Search — Tessera" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const runtime = await getRuntime();
  const actor = await actorFor(request);
  const { compiled } = await runtime.workspace.current();
  return json({ q, groups: await globalSearch(runtime.records, compiled, actor, q, 20) });
}

export default function SearchPage() {
  const { q, groups } = useLoaderData<typeof loader>();
  return (
    <div className="search-page">
      <h1>Search</h1>
      <Form method="get" className="search-page-form" role="search">
        <label htmlFor="search-q" className="visually-hidden">
          Search everything
        </label>
        <input id="search-q" name="q" type="search" defaultValue={q} placeholder="A name, an email, an invoice number…" autoFocus />
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      {q && groups.length === 0 ? (
        <p className="search-page-empty">Nothing matches “{q}”. Try the start of a word, or fewer words.</p>
      ) : null}
      {groups.map((g) => (
        <section key={g.table} className="search-page-group" aria-labelledby={`group-${g.table}`}>
          <h2 id={`group-${g.table}`}>
            {g.label} <span>{g.totalExact ? g.total : `${g.total}+`}</span>
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
          {g.total > g.rows.length ? <Link to={`/t/${g.table}?q=${encodeURIComponent(q)}`}>Show all in {g.label} →</Link> : null}
        </section>
      ))}
    </div>
  );
}
