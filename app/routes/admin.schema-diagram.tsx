import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { layoutDiagram } from "@schema-designer/diagram/diagram-layout";
import { diagramModel } from "@schema-designer/diagram/diagram-model";
import { boxLabel, SchemaDiagram } from "../components/config/schema-diagram";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { languageOf } from "../services/i18n.server";
import { adminActorFor } from "../services/people.server";
import { getRuntime } from "../services/runtime.server";
import configStyles from "../styles/config.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: configStyles }];
export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("schemaDesigner.diagram.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  await adminActorFor(request);
  // Named in the admin's language, like the tables in the navigation beside it.
  const { version, schema } = inLanguage(await (await getRuntime()).workspace.current(), await languageOf(request));
  return json({ version, layout: layoutDiagram(diagramModel(schema)) });
}

export default function AdminSchemaDiagram() {
  const { t } = useTranslation();
  const { version, layout } = useLoaderData<typeof loader>();
  const labelOf = new Map(layout.boxes.map((b) => [b.table.key, boxLabel(b.table, t)]));
  return (
    <section className="config-page config-page--wide" aria-labelledby="diagram-title">
      <h1 id="diagram-title">{t("schemaDesigner.diagram.title")}</h1>
      <p className="muted config-page__lead">
        <Trans
          i18nKey="schemaDesigner.diagram.lead"
          values={{ version, tables: layout.boxes.filter((b) => !b.table.builtIn).length, relations: layout.edges.length }}
          components={[<Link key="designer" to="/admin/schema" />]}
        />
      </p>
      <div className="schema-diagram__scroller" tabIndex={-1}>
        <SchemaDiagram layout={layout} />
      </div>
      <details className="schema-diagram__list">
        <summary>{t("schemaDesigner.diagram.asList")}</summary>
        <ul>
          {layout.edges.map((e) => (
            <li key={`${e.relation.from}.${e.relation.field}`}>
              {labelOf.get(e.relation.from)}: <code>{e.relation.field}</code> → {labelOf.get(e.relation.to)}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
