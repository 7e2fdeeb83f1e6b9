import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { adminActorFor } from "../services/people.server";
import { getRuntime } from "../services/runtime.server";
import { TableCard } from "../components/table-card";
import overviewStyles from "../styles/overview.css";
import { languageOf } from "../services/i18n.server";
import { useCounting } from "~/i18n/use-counting";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { buildOverview, totalRecords } from "../utils/workspace-overview";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: overviewStyles }];

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.overview") };

/** Every table with its fields and record counts: the admin's map of the workspace (the home page is `/`). */
export async function loader({ request }: LoaderFunctionArgs) {
  await adminActorFor(request);
  const runtime = await getRuntime();
  const [current, counts, language] = await Promise.all([runtime.workspace.current(), runtime.countRecords(), languageOf(request)]);
  const { version, schema } = inLanguage(current, language);
  return json({ version, sections: buildOverview(schema, counts) });
}

export default function Overview() {
  const { version, sections } = useLoaderData<typeof loader>();
  const tableCount = sections.reduce((sum, s) => sum + s.tables.length, 0);
  const { t } = useTranslation();
  const { integer } = useCounting();
  return (
    <div className="overview">
      <header className="page-header">
        <h1 className="page-header__title">{t("overview.title")}</h1>
        <p className="page-header__summary">
          {t("overview.summary", {
            tables: t("overview.tables", { count: tableCount, n: integer(tableCount) }),
            records: t("overview.records", { count: totalRecords(sections), n: integer(totalRecords(sections)) }),
            version,
          })}
        </p>
      </header>
      {sections.length === 0 ? (
        <p className="overview__empty">{t("overview.empty")}</p>
      ) : (
        sections.map((section) => (
          <section className="overview-group" key={section.key} aria-labelledby={`group-${section.key}`}>
            <h2 className="overview-group__title" id={`group-${section.key}`}>
              {section.title}
            </h2>
            <div className="overview-group__grid">
              {section.tables.map((table) => (
                <TableCard key={table.key} table={table} />
              ))}
            </div>
          </section>
        ))
      )}
    </div>
  );
}
