import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CountsLine, StatusPill } from "../components/mail/mailing-status";
import { actorFor } from "../services/actor.server";
import { getMailings } from "../services/mailings.server";
import mailingsStyles from "../styles/mailings.css";

export const meta: MetaFunction = () => [{ title: "Mailings · Tessera" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailingsStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  const mailings = await getMailings();
  return json({ mailings: await mailings.list(actor), mayStart: await mailings.mayStart(actor), admin: actor.rights.admin });
}

export default function Mailings() {
  const { mailings, mayStart, admin } = useLoaderData<typeof loader>();
  return (
    <section className="admin-page mailings" aria-labelledby="mailings-title">
      <header className="mailings__header">
        <h1 id="mailings-title">Mailings</h1>
        <div className="mailings__actions">
          {admin ? (
            <Link className="button button--ghost button--small" to="/mailings/unsubscribed">
              Unsubscribed addresses
            </Link>
          ) : null}
          {mayStart ? (
            <Link className="button button--primary" to="/mailings/new">
              New mailing
            </Link>
          ) : null}
        </div>
      </header>
      {!mayStart ? (
        <p className="notice notice--warning">
          There is no message template for a table you may read. An administrator adds templates under Admin → Email.
        </p>
      ) : null}
      {mailings.length === 0 ? (
        <p className="muted">No mailings yet. A mailing sends a message template to every record of a list view, at a steady pace.</p>
      ) : (
        <table className="admin-table" data-testid="mailings">
          <thead>
            <tr>
              <th>Started</th>
              <th>Template</th>
              <th>List</th>
              <th>Status</th>
              <th>Recipients</th>
            </tr>
          </thead>
          <tbody>
            {mailings.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/mailings/${m.id}`}>{m.createdAt.slice(0, 16)} UTC</Link>
                </td>
                <td>{m.template}</td>
                <td>
                  {m.tableLabel} · {m.view}
                </td>
                <td>
                  <StatusPill status={m.status} />
                </td>
                <td>
                  <CountsLine counts={m.counts} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
