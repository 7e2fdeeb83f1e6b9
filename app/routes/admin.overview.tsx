import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { adminActorFor } from "../services/people.server";
import { getRuntime } from "../services/runtime.server";
import { TableCard } from "../components/table-card";
import overviewStyles from "../styles/overview.css";
import { formatInteger } from "../utils/format-count";
import { buildOverview, totalRecords } from "../utils/workspace-overview";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: overviewStyles }];

export const meta: MetaFunction = () => [{ title: "Schema overview · Tessera" }];

/** Every table with its fields and record counts: the admin's map of the workspace (the home page is `/`). */
export async function loader({ request }: LoaderFunctionArgs) {
  await adminActorFor(request);
  const runtime = await getRuntime();
  const [{ version, schema }, counts] = await Promise.all([runtime.workspace.current(), runtime.countRecords()]);
  return json({ version, sections: buildOverview(schema, counts) });
}

export default function Overview() {
  const { version, sections } = useLoaderData<typeof loader>();
  const tableCount = sections.reduce((sum, s) => sum + s.tables.length, 0);
  return (
    <div className="overview">
      <header className="page-header">
        <h1 className="page-header__title">Workspace overview</h1>
        <p className="page-header__summary">
          {formatInteger(tableCount)} {tableCount === 1 ? "table" : "tables"} · {formatInteger(totalRecords(sections))} records · schema
          version {version}
        </p>
      </header>
      {sections.length === 0 ? (
        <p className="overview__empty">This workspace has no tables yet.</p>
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
