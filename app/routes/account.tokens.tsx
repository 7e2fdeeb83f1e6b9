import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import { saidError } from "~/i18n/said-error";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "../components/csrf-field";
import { TokenTable } from "../components/token-table";
import { actorFor } from "../services/actor.server";
import { createTokenAs, formResult, listTokensAs, revokeTokenAs } from "../services/people.server";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.myTokens") };

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ tokens: await listTokensAs(await actorFor(request), "own") });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await actorFor(request);
  const form = await request.formData();
  if (form.get("intent") === "revoke") return formResult(async () => (await revokeTokenAs(actor, Number(form.get("id"))), { token: null }));
  return formResult(async () => ({ token: (await createTokenAs(actor, form.get("name"))).token }));
}

export default function MyTokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="admin-page" aria-labelledby="tokens-title">
      <h1 id="tokens-title">{t("tokens.mineTitle")}</h1>
      <p className="muted">
        {t("tokens.mineLeadBefore")} <code>Authorization: Bearer &lt;token&gt;</code>. {t("tokens.mineLeadAfter")}
      </p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {saidError(result, t)}
        </p>
      ) : null}
      {result && "token" in result && result.token ? (
        <div className="secret-once" role="status" data-testid="new-token">
          <strong>{t("tokens.newToken")}</strong>
          <code>{result.token}</code>
        </div>
      ) : null}
      <Form method="post" className="inline-form">
        <CsrfField />
        <label>
          {t("tokens.name")}
          <input name="name" required maxLength={100} placeholder={t("tokens.nameExample")} />
        </label>
        <button className="button button--primary" name="intent" value="create" type="submit">
          {t("tokens.create")}
        </button>
      </Form>
      <TokenTable tokens={tokens} showOwner={false} />
    </section>
  );
}
