import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { ImportScreen } from "../components/dataio/import-screen";
import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import dataioStyles from "../styles/dataio.css";
import listStyles from "../styles/list.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: listStyles },
  { rel: "stylesheet", href: dataioStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Import ${data?.target.pluralLabel ?? ""} · Tessera` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    return json({ target: await (await getRuntime()).imports.target(await actorFor(request), params.table ?? "") });
  } catch (error) {
    if (error instanceof ApiError) throw json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export default function ImportRoute() {
  const { target } = useLoaderData<typeof loader>();
  return (
    <main className="import-page">
      <p>
        <Link to={`/t/${encodeURIComponent(target.key)}`}>← {target.pluralLabel}</Link>
      </p>
      <h1>Import {target.pluralLabel}</h1>
      <ImportScreen target={target} />
    </main>
  );
}
