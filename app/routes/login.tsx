import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicCard } from "../components/public-card";
import { translatorFor } from "../services/i18n.server";
import { say } from "@runtime/i18n/words";
import { currentSession, signIn } from "../services/auth.server";
import { safeNextPath } from "../services/auth-rules";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.signIn") };

export async function loader({ request }: LoaderFunctionArgs) {
  const next = safeNextPath(new URL(request.url).searchParams.get("next"));
  if (await currentSession(request)) throw redirect(next);
  return json({ next });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const result = await signIn(request, email, form.get("password"));
  if (!result.ok) {
    return json({ error: say(result.words, (await translatorFor(request)).t), email }, { status: result.status });
  }
  const next = result.mustChangePassword ? "/account/password" : safeNextPath(String(form.get("next") ?? ""));
  return redirect(next, { headers: { "Set-Cookie": result.setCookie } });
}

export default function Login() {
  const { next } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  return (
    <PublicCard id="login-title" title={t("login.title")}>
      {failed?.error ? (
        <p className="form-error" role="alert" data-testid="login-error">
          {failed.error}
        </p>
      ) : null}
      <Form method="post" className="auth-form">
        <input type="hidden" name="next" value={next} />
        <label>
          {t("login.email")}
          <input name="email" type="email" autoComplete="username" required autoFocus defaultValue={failed?.email ?? ""} />
        </label>
        <label>
          {t("login.password")}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button className="button button--primary" type="submit" disabled={busy}>
          {t(busy ? "login.busy" : "login.submit")}
        </button>
      </Form>
      <p className="auth-card__hint">{t("login.forgot")}</p>
    </PublicCard>
  );
}
