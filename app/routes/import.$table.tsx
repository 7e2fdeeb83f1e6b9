import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApiError } from "@runtime/errors";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { ImportScreen } from "../components/dataio/import-screen";
import { actorFor } from "../services/actor.server";
import { languageOf, translatorOf, errorIn } from "../services/i18n.server";
import { getRuntime } from "../services/runtime.server";
import dataioStyles from "../styles/dataio.css";
import listStyles from "../styles/list.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: listStyles },
  { rel: "stylesheet", href: dataioStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Import"} · Tessera` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const rt = await getRuntime();
    const target = await rt.imports.target(await actorFor(request), params.table ?? "");
    // Named in the reader's language; a column headed with the stored label (as exports write it) still finds its field.
    const language = await languageOf(request);
    const table = inLanguage(await rt.workspace.current(), language).compiled.tablesByKey.get(target.key);
    const pluralLabel = table?.pluralLabel ?? target.pluralLabel;
    const fields = target.fields.map((f) => ({ ...f, label: table?.fieldsByKey.get(f.key)?.label ?? f.label, stored: f.label }));
    const title = translatorOf(language).t("importScreen.title", { records: pluralLabel });
    return json({ target: { ...target, pluralLabel, fields }, title });
  } catch (error) {
    if (error instanceof ApiError) throw json({ error: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
}

export default function ImportRoute() {
  const { target } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="import-page">
      <p>
        <Link to={`/t/${encodeURIComponent(target.key)}`}>← {target.pluralLabel}</Link>
      </p>
      <h1>{t("importScreen.title", { records: target.pluralLabel })}</h1>
      <ImportScreen target={target} />
    </main>
  );
}
