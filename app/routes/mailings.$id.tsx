import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { BackToMailings } from "../components/mail/back-to-mailings";
import { CountsLine, StatusPill } from "../components/mail/mailing-status";
import { actorFor } from "../services/actor.server";
import { forPage, getMailings } from "../services/mailings.server";
import mailingsStyles from "../styles/mailings.css";

export const meta: MetaFunction = () => [{ title: "Mailing · Tessera" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailingsStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  const mailings = await getMailings();
  return json(await forPage(() => mailings.get(actor, params.id)));
}

/** How often the page asks again while messages wait their turn. */
const REFRESH_MS = 2_000;

export default function MailingPage() {
  const mailing = useLoaderData<typeof loader>();
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
        {mailing.template} to {mailing.tableLabel} · {mailing.view}
      </h1>
      <div className="mailing-summary" data-testid="mailing-summary">
        <StatusPill status={mailing.status} />
        <CountsLine counts={mailing.counts} />
        <span className="muted">
          {mailing.counts.total} recipients · started {mailing.createdAt.slice(0, 16)} UTC
        </span>
      </div>
      {mailing.error ? (
        <p className="notice notice--error" role="alert">
          The list could not be read to the end: {mailing.error}
        </p>
      ) : null}
      {mailing.status === "preparing" && mailing.recipients.length === 0 ? (
        <p className="muted">Reading the list and filling in the messages…</p>
      ) : (
        <table className="admin-table" data-testid="mailing-recipients">
          <thead>
            <tr>
              <th>Recipient</th>
              <th>Address</th>
              <th>Status</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {mailing.recipients.map((r) => (
              <tr key={r.record}>
                <td>
                  <Link to={`/t/${encodeURIComponent(mailing.table)}/${r.record}`}>{r.label}</Link>
                </td>
                <td>{r.address || <span className="muted">none</span>}</td>
                <td>
                  <StatusPill status={r.status} />
                </td>
                <td className="mailing-recipient__detail">
                  {r.reason ??
                    (r.status === "sent" && r.sentAt
                      ? `${r.sentAt.slice(0, 19)} UTC`
                      : r.error
                        ? `${r.error}${r.attempts > 1 ? ` (attempt ${r.attempts})` : ""}`
                        : "")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mailing.more ? (
        <p className="muted">Only the first {mailing.recipients.length} recipients are listed; the counts cover all.</p>
      ) : null}
    </section>
  );
}
