import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackToMailings } from "../components/mail/back-to-mailings";
import { CsrfField } from "../components/csrf-field";
import { formResult, adminActorFor } from "../services/people.server";
import { removeSuppressedAddress, suppressedAddresses } from "../services/mailings.server";
import mailingsStyles from "../styles/mailings.css";

export const meta: MetaFunction = () => [{ title: "Unsubscribed addresses · Tessera" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailingsStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ addresses: await suppressedAddresses(await adminActorFor(request)) });
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
  return (
    <section className="admin-page" aria-labelledby="unsubscribed-title">
      <BackToMailings />
      <h1 id="unsubscribed-title">Unsubscribed addresses</h1>
      <p className="muted">
        Every mailing skips these addresses. Remove one only when its owner asked to receive mailings again. Messages sent from a card still
        reach them.
      </p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : result?.ok ? (
        <p className="notice notice--success" role="status">
          {result.removed} will receive mailings again.
        </p>
      ) : null}
      {addresses.length === 0 ? (
        <p className="muted">No one has unsubscribed.</p>
      ) : (
        <table className="admin-table" data-testid="suppressions">
          <thead>
            <tr>
              <th>Address</th>
              <th>Since</th>
              <th>From mailing</th>
              <th>
                <span className="visually-hidden">Actions</span>
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
                      Remove
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
