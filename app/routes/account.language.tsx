import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { availableLanguages, languageCodes } from "@runtime/i18n/catalogs.server";
import { pickLanguage } from "@runtime/i18n/negotiate";
import { setUserLanguage } from "@runtime/auth/users.server";
import { ApiError } from "@runtime/errors";
import { CsrfField } from "../components/csrf-field";
import { requireIdentity } from "../services/auth.server";
import { getRuntime } from "../services/runtime.server";
import { errorIn } from "../services/i18n.server";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.language") };

export async function loader({ request }: LoaderFunctionArgs) {
  const identity = await requireIdentity(request);
  const languages = availableLanguages();
  const browser = pickLanguage(null, request.headers.get("accept-language"), languageCodes());
  return json({
    chosen: identity.user.language,
    languages,
    browserName: languages.find((l) => l.language === browser)?.name ?? browser,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const identity = await requireIdentity(request);
  const form = await request.formData();
  const raw = String(form.get("language") ?? "");
  try {
    await setUserLanguage((await getRuntime()).db, identity.user.id, raw === "" ? null : raw, languageCodes());
  } catch (error) {
    if (error instanceof ApiError) return json({ error: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
  // A full page load: the whole page, its messages included, comes back in the new language.
  return redirect("/account/language?saved=1");
}

export default function AccountLanguage() {
  const { chosen, languages, browserName } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const current = languages.find((l) => l.language === i18n.language)?.name ?? i18n.language;
  return (
    <section className="admin-page admin-page--narrow" aria-labelledby="language-title">
      <h1 id="language-title">{t("account.languageTitle")}</h1>
      <p className="muted">{t("account.languageIntro")}</p>
      {params.get("saved") ? (
        <p className="notice" role="status">
          {t("account.saved", { name: current })}
        </p>
      ) : null}
      <Form method="post" className="auth-form" reloadDocument data-testid="language-form">
        <CsrfField />
        <label>
          {t("account.languageLabel")}
          <select name="language" defaultValue={chosen ?? ""}>
            <option value="">{t("account.followBrowser", { name: browserName })}</option>
            {languages.map((l) => (
              <option key={l.language} value={l.language} lang={l.language}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button className="button button--primary" type="submit">
          {t("account.save")}
        </button>
      </Form>
    </section>
  );
}
