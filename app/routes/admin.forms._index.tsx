import { AdminTable } from "~/components/admin-table";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { designerTables } from "../services/form-designer.server";
import { adminActorFor } from "../services/people.server";
import designerStyles from "../styles/form-designer.css";

export const meta: MetaFunction = () => [{ title: "Forms · Tessera" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: designerStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  return json({ tables: await designerTables(actor) });
}

export default function AdminForms() {
  const { tables } = useLoaderData<typeof loader>();
  return (
    <section className="admin-page" aria-labelledby="forms-title">
      <h1 id="forms-title">Forms</h1>
      <p className="muted">
        The card staff fill in for each table: which fields, in which tabs, sections and rows, and which related lists. Pick a table to
        design its card.
      </p>
      <AdminTable testId="forms-table" columns={["Table", "Fields", "Card"]}>
        {tables.map((t) => (
          <tr key={t.key}>
            <td>
              {t.pluralLabel} <code className="fd-key">{t.key}</code>
              {t.line ? <span className="fd-muted"> · lines of another card</span> : null}
            </td>
            <td>{t.fields}</td>
            <td>{t.custom ? <span className="pill pill--ok">designed</span> : <span className="pill">default</span>}</td>
            <td className="admin-table__actions">
              <Link className="button button--small" to={`/admin/forms/${t.key}`} aria-label={`Design the ${t.label} card`}>
                Design card
              </Link>
            </td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
