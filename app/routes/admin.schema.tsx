import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { SchemaDesigner } from "../components/schema-designer/schema-designer";
import { adminActorFor } from "../services/people.server";
import { designerContext } from "../services/schema-designer.server";
import designerStyles from "../styles/schema-designer.css";
import { EVAL_IN_BROWSER, loadWhereValidatorsCompile } from "../utils/browser-eval";
import { availableLanguages } from "@runtime/i18n/catalogs.server";
import { TranslationLanguages } from "../components/schema-designer/translations-form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: designerStyles }];

/** Compiles validators in the browser: see app/utils/browser-eval.ts. */
export const meta = titledMeta;
export const handle: TitledHandle & typeof EVAL_IN_BROWSER = { ...EVAL_IN_BROWSER, title: (t) => t("nav.admin.schema") };
export const clientLoader = loadWhereValidatorsCompile;

export async function loader({ request }: LoaderFunctionArgs) {
  await adminActorFor(request);
  const { version, schema, layouts, views, templates, advice } = await designerContext();
  // Every language a catalog offers but English, the one the schema is written in.
  const languages = availableLanguages().filter((l) => l.language !== "en");
  return json({ version, schema, sources: { layouts, views, templates }, advice, languages });
}

/** The schema designer: edits pile up as a draft in the browser and reach the server only through the review. */
export default function AdminSchema() {
  const { version, schema, sources, advice, languages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const reload = useCallback(() => revalidator.revalidate(), [revalidator]);
  return (
    <section className="admin-page sd-page" aria-labelledby="schema-title">
      <header className="sd-page__header">
        <h1 id="schema-title">{t("nav.admin.schema")}</h1>
        <nav className="sd-page__links" aria-label={t("schemaDesigner.page.related")}>
          <Link to="/admin/schema-diagram">{t("schemaDesigner.page.diagram")}</Link>
          <Link to="/admin/trash">{t("nav.admin.trash")}</Link>
          <Link to="/admin/config">{t("schemaDesigner.page.config")}</Link>
        </nav>
      </header>
      <p className="muted sd-page__intro">{t("schemaDesigner.page.intro")}</p>
      <TranslationLanguages.Provider value={languages}>
        <SchemaDesigner version={version} schema={schema} sources={sources} advice={advice} onApplied={reload} />
      </TranslationLanguages.Provider>
    </section>
  );
}
