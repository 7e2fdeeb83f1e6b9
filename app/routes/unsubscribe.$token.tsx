import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { PublicCard } from "../components/public-card";
import { forPage, getMailings } from "../services/mailings.server";
import mailingsStyles from "../styles/mailings.css";

/**
 * The public page an unsubscribe link opens (no sign-in): it asks, and only a POST unsubscribes,
 * so a mail scanner that opens every link unsubscribes no one. A mail provider's one-click
 * unsubscribe (RFC 8058) posts to `unsubscribe.$token_.one-click.ts` instead.
 */
export const meta: MetaFunction = () => [{ title: "Unsubscribe" }, { name: "robots", content: "noindex" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailingsStyles }];

// A bad token is the visitor's 400 page with its reason (`forPage`), never a crash.
export async function loader({ params }: LoaderFunctionArgs) {
  const { address } = await forPage(async () => (await getMailings()).unsubscribeClaim(params.token));
  return json({ address });
}

export async function action({ params }: ActionFunctionArgs) {
  const { address } = await forPage(async () => (await getMailings()).unsubscribe(params.token));
  return json({ done: true, address });
}

export default function Unsubscribe() {
  const { address } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  if (done?.done)
    return (
      <PublicCard id="unsubscribe-title" title="You are unsubscribed">
        <p className="notice notice--success" role="status" data-testid="unsubscribed">
          {done.address} will receive no more of these mailings.
        </p>
        <p className="auth-card__hint">Messages about your own orders and invoices still reach you.</p>
      </PublicCard>
    );
  return (
    <PublicCard id="unsubscribe-title" title="Unsubscribe">
      <p className="unsubscribe__question">
        Stop sending mailings to <strong>{address}</strong>?
      </p>
      <Form method="post" className="auth-form">
        <button className="button button--primary" type="submit">
          Unsubscribe
        </button>
      </Form>
      <p className="auth-card__hint">Changed your mind? Just close this page.</p>
    </PublicCard>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const message =
    isRouteErrorResponse(error) && typeof (error.data as { error?: unknown })?.error === "string"
      ? (error.data as { error: string }).error
      : "This page could not be shown. Please try again in a moment.";
  return (
    <PublicCard id="unsubscribe-title" title="This link does not work">
      <p className="form-error" role="alert" data-testid="unsubscribe-error">
        {message}
      </p>
    </PublicCard>
  );
}
