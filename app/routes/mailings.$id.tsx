import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { BackToMailings } from "../components/mail/back-to-mailings";
import { CountsLine, StatusPill } from "../components/mail/mailing-status";
import { listName, skipReason } from "../components/mail/mailing-words";
import { translatorFor } from "../services/i18n.server";
import { actorFor } from "../services/actor.server";
import { getMailings, tableLabelsFor } from "../services/mailings.server";
import { forPage } from "../utils/api.server";
import mailingsStyles from "../styles/mailings.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Mailing"} · Tessera` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailingsStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  const mailings = await getMailings();
  const mailing = await forPage(request, () => mailings.get(actor, params.id));
  const labelOf = await tableLabelsFor(request);
  const title = (await translatorFor(request)).t("mailings.mailing");
  return json({ ...mailing, tableLabel: labelOf(mailing.table, mailing.tableLabel), title });
}

/** How often the page asks again while messages wait their turn. */
const REFRESH_MS = 2_000;

export default function MailingPage() {
  const mailing = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const busy = mailing.status === "preparing" || mailing.status === "sending";
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle" && document.visibilityState === "visible") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [busy, revalidator]);
  return (
    <section className="admin-page mailing" aria-labelledby="mailing-title">
      <BackToMailings />
      <h1 id="mailing-title">
        {t("mailings.heading", {
          template: mailing.template,
          table: mailing.tableLabel,
          view: listName(t, mailing.viewId, mailing.view, mailing.tableLabel),
        })}
      </h1>
      <div className="mailing-summary" data-testid="mailing-summary">
        <StatusPill status={mailing.status} />
        <CountsLine counts={mailing.counts} />
        <span className="muted">{t("mailings.summary", { count: mailing.counts.total, at: `${mailing.createdAt.slice(0, 16)} UTC` })}</span>
      </div>
      {mailing.error ? (
        <p className="notice notice--error" role="alert">
          {t("mailings.readFailed", { error: mailing.error })}
        </p>
      ) : null}
      {mailing.status === "preparing" && mailing.recipients.length === 0 ? (
        <p className="muted">{t("mailings.preparing")}</p>
      ) : (
        <table className="admin-table" data-testid="mailing-recipients">
          <thead>
            <tr>
              <th>{t("mailings.recipient")}</th>
              <th>{t("mailings.address")}</th>
              <th>{t("mailings.status")}</th>
              <th>{t("mailings.detail")}</th>
            </tr>
          </thead>
          <tbody>
            {mailing.recipients.map((r) => (
              <tr key={r.record}>
                <td>
                  <Link to={`/t/${encodeURIComponent(mailing.table)}/${r.record}`}>{r.label}</Link>
                </td>
                <td>{r.address || <span className="muted">{t("mailings.noAddress")}</span>}</td>
                <td>
                  <StatusPill status={r.status} />
                </td>
                <td className="mailing-recipient__detail">
                  {r.reason
                    ? skipReason(t, r.reason)
                    : r.status === "sent" && r.sentAt
                      ? `${r.sentAt.slice(0, 19)} UTC`
                      : r.error
                        ? `${r.error}${r.attempts > 1 ? ` ${t("mailings.attempt", { n: r.attempts })}` : ""}`
                        : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mailing.more ? <p className="muted">{t("mailings.onlyFirst", { count: mailing.recipients.length })}</p> : null}
    </section>
  );
}
