import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { CsrfField } from "../components/csrf-field";
import { actorFor } from "../services/actor.server";
import { requireIdentity, startSession } from "../services/auth.server";
import { changeOwnPassword, MIN_PASSWORD_LENGTH } from "../services/people.server";
import { errorIn } from "../services/i18n.server";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.password") };

export async function loader({ request }: LoaderFunctionArgs) {
  const identity = await requireIdentity(request);
  return json({ mustChange: identity.user.mustChangePassword, minLength: MIN_PASSWORD_LENGTH });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await actorFor(request);
  const form = await request.formData();
  try {
    await changeOwnPassword(actor, form.get("current"), form.get("password"), form.get("repeat"));
  } catch (error) {
    if (error instanceof ApiError) return json({ error: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
  // The change ended every session of this user, this one too: start a new one.
  return redirect("/?password=changed", { headers: { "Set-Cookie": await startSession(request, actor.id!) } });
}

export default function ChangePassword() {
  const { mustChange, minLength } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="admin-page admin-page--narrow" aria-labelledby="password-title">
      <h1 id="password-title">{mustChange ? t("password.chooseTitle") : t("password.changeTitle")}</h1>
      {mustChange ? <p className="notice">{t("password.oneTimeNotice")}</p> : null}
      {failed?.error ? (
        <p className="form-error" role="alert">
          {failed.error}
        </p>
      ) : null}
      <Form method="post" className="auth-form">
        <CsrfField />
        <label>
          {t("password.current")}
          <input name="current" type="password" autoComplete="current-password" required />
        </label>
        <label>
          {t("password.new")} <small>{t("password.atLeast", { count: minLength })}</small>
          <input name="password" type="password" autoComplete="new-password" minLength={minLength} required />
        </label>
        <label>
          {t("password.again")}
          <input name="repeat" type="password" autoComplete="new-password" minLength={minLength} required />
        </label>
        <button className="button button--primary" type="submit">
          {t("password.save")}
        </button>
      </Form>
    </section>
  );
}
