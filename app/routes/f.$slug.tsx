import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicFormView } from "../components/public-forms/public-form-view";
import { publicFormPage, submitPublicForm } from "../services/public-forms.server";
import { BARE_PAGE } from "../utils/bare-page";
import type { FrameableHandle } from "../utils/frame-ancestors";
import cardStyles from "../styles/card.css";
import fieldStyles from "../styles/fields.css";
import publicFormStyles from "../styles/public-form.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fieldStyles },
  { rel: "stylesheet", href: cardStyles },
  { rel: "stylesheet", href: publicFormStyles },
];

/** No app shell around it, and framed only where the form's allowed origins say. */
export const handle: FrameableHandle & typeof BARE_PAGE = {
  ...BARE_PAGE,
  frameAncestors: (data) => (data as { frameAncestors?: string } | undefined)?.frameAncestors,
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Form" }];

/** A 429's Retry-After reaches the visitor's browser. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await publicFormPage(request, params.slug));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return submitPublicForm(request, params.slug);
}

export default function PublicFormRoute() {
  return <PublicFormView page={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  return (
    <section className="public-form public-form--message" role="alert">
      <h1 className="public-form__title">{missing ? t("publicForms.visitor.notFoundTitle") : t("publicForms.visitor.failedTitle")}</h1>
      <p>{missing ? t("publicForms.visitor.notFound") : t("publicForms.visitor.failed")}</p>
    </section>
  );
}
