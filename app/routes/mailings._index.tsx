import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CountsLine, StatusPill } from "../components/mail/mailing-status";
import { listName } from "../components/mail/mailing-words";
import { translatorFor } from "../services/i18n.server";
import { actorFor } from "../services/actor.server";
import { getMailings, tableLabelsFor } from "../services/mailings.server";
import mailingsStyles from "../styles/mailings.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Mailings"} · Tessera` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailingsStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  const mailings = await getMailings();
  const labelOf = await tableLabelsFor(request);
  const list = (await mailings.list(actor)).map((m) => ({ ...m, tableLabel: labelOf(m.table, m.tableLabel) }));
  const title = (await translatorFor(request)).t("nav.mailings");
  return json({ mailings: list, mayStart: await mailings.mayStart(actor), admin: actor.rights.admin, title });
}

export default function Mailings() {
  const { mailings, mayStart, admin } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="admin-page mailings" aria-labelledby="mailings-title">
      <header className="mailings__header">
        <h1 id="mailings-title">{t("nav.mailings")}</h1>
        <div className="mailings__actions">
          {admin ? (
            <Link className="button button--ghost button--small" to="/mailings/unsubscribed">
              {t("mailings.unsubscribedTitle")}
            </Link>
          ) : null}
          {mayStart ? (
            <Link className="button button--primary" to="/mailings/new">
              {t("mailings.newTitle")}
            </Link>
          ) : null}
        </div>
      </header>
      {!mayStart ? <p className="notice notice--warning">{t("mailings.noTemplates")}</p> : null}
      {mailings.length === 0 ? (
        <p className="muted">{t("mailings.empty")}</p>
      ) : (
        <table className="admin-table" data-testid="mailings">
          <thead>
            <tr>
              <th>{t("mailings.started")}</th>
              <th>{t("mailings.template")}</th>
              <th>{t("mailings.list")}</th>
              <th>{t("mailings.status")}</th>
              <th>{t("mailings.recipients")}</th>
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
                  {m.tableLabel} · {listName(t, m.viewId, m.view, m.tableLabel)}
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
