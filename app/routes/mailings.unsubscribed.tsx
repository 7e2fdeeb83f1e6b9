import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackToMailings } from "../components/mail/back-to-mailings";
import { CsrfField } from "../components/csrf-field";
import { formResult, adminActorFor } from "../services/people.server";
import { translatorFor } from "../services/i18n.server";
import { removeSuppressedAddress, suppressedAddresses } from "../services/mailings.server";
import mailingsStyles from "../styles/mailings.css";
import { saidError } from "~/i18n/said-error";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Unsubscribed addresses"} · Tessera` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailingsStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const addresses = await suppressedAddresses(await adminActorFor(request));
  return json({ addresses, title: (await translatorFor(request)).t("mailings.unsubscribedTitle") });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const form = await request.formData();
  return formResult(async () => {
    await removeSuppressedAddress(actor, form.get("address"));
    return { removed: String(form.get("address")) };
  });
}

export default function Unsubscribed() {
  const { addresses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="admin-page" aria-labelledby="unsubscribed-title">
      <BackToMailings />
      <h1 id="unsubscribed-title">{t("mailings.unsubscribedTitle")}</h1>
      <p className="muted">{t("mailings.unsubscribedIntro")}</p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {saidError(result, t)}
        </p>
      ) : result?.ok ? (
        <p className="notice notice--success" role="status">
          {t("mailings.resubscribed", { address: result.removed })}
        </p>
      ) : null}
      {addresses.length === 0 ? (
        <p className="muted">{t("mailings.noneUnsubscribed")}</p>
      ) : (
        <table className="admin-table" data-testid="suppressions">
          <thead>
            <tr>
              <th>{t("mailings.address")}</th>
              <th>{t("mailings.since")}</th>
              <th>{t("mailings.fromMailing")}</th>
              <th>
                <span className="visually-hidden">{t("mailings.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {addresses.map((a) => (
              <tr key={a.address}>
                <td>{a.address}</td>
                <td>{a.at.slice(0, 16)} UTC</td>
                <td>{a.mailingId ? <Link to={`/mailings/${a.mailingId}`}>#{a.mailingId}</Link> : <span className="muted">—</span>}</td>
                <td className="admin-table__actions">
                  <Form method="post" className="row-form">
                    <CsrfField />
                    <input type="hidden" name="address" value={a.address} />
                    <button className="button button--small button--danger" type="submit">
                      {t("mailings.remove")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
