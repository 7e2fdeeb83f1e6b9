import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { ApiError } from "@runtime/errors";
import { PublicCard } from "../components/public-card";
import { translatorFor } from "../services/i18n.server";
import { getMailings } from "../services/mailings.server";
import { forPage } from "../utils/api.server";
import mailingsStyles from "../styles/mailings.css";

/**
 * The public page an unsubscribe link opens (no sign-in): it asks, and only a POST unsubscribes,
 * so a mail scanner that opens every link unsubscribes no one. A mail provider's one-click
 * unsubscribe (RFC 8058) posts to `unsubscribe.$token_.one-click.ts` instead.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Unsubscribe" },
  { name: "robots", content: "noindex" },
];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailingsStyles }];

/**
 * A bad token is the visitor's 400 page with its reason, in the visitor's language (their
 * browser's, as nobody is signed in), never a crash.
 */
async function claimed<T>(request: Request, run: () => Promise<T>): Promise<T> {
  const { t } = await translatorFor(request);
  return forPage(request, async () => {
    try {
      return await run();
    } catch (error) {
      // The only refusal a link meets: it was cut or changed.
      if (error instanceof ApiError && error.status === 400) throw new ApiError(400, t("mailings.unsubscribe.invalid"));
      throw error;
    }
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { address } = await claimed(request, async () => (await getMailings()).unsubscribeClaim(params.token));
  return json({ address, title: (await translatorFor(request)).t("mailings.unsubscribe.title") });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { address } = await claimed(request, async () => (await getMailings()).unsubscribe(params.token));
  return json({ done: true, address });
}

export default function Unsubscribe() {
  const { address } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t } = useTranslation();
  if (done?.done)
    return (
      <PublicCard id="unsubscribe-title" title={t("mailings.unsubscribe.done")}>
        <p className="notice notice--success" role="status" data-testid="unsubscribed">
          {t("mailings.unsubscribe.noMore", { address: done.address })}
        </p>
        <p className="auth-card__hint">{t("mailings.unsubscribe.stillReach")}</p>
      </PublicCard>
    );
  return (
    <PublicCard id="unsubscribe-title" title={t("mailings.unsubscribe.title")}>
      <p className="unsubscribe__question">
        <Trans i18nKey="mailings.unsubscribe.question" values={{ address }} components={{ strong: <strong /> }} />
      </p>
      <Form method="post" className="auth-form">
        <button className="button button--primary" type="submit">
          {t("mailings.unsubscribe.button")}
        </button>
      </Form>
      <p className="auth-card__hint">{t("mailings.unsubscribe.changedMind")}</p>
    </PublicCard>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const message =
    isRouteErrorResponse(error) && typeof (error.data as { error?: unknown })?.error === "string"
      ? (error.data as { error: string }).error
      : t("mailings.unsubscribe.failed");
  return (
    <PublicCard id="unsubscribe-title" title={t("mailings.unsubscribe.broken")}>
      <p className="form-error" role="alert" data-testid="unsubscribe-error">
        {message}
      </p>
    </PublicCard>
  );
}
