import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import { saidError } from "~/i18n/said-error";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TokenTable } from "../components/token-table";
import { adminActorFor, formResult, listTokensAs, revokeTokenAs } from "../services/people.server";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.tokens") };

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ tokens: await listTokensAs(await adminActorFor(request), "all") });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const form = await request.formData();
  return formResult(async () => (await revokeTokenAs(actor, Number(form.get("id"))), {}));
}

export default function AdminTokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="admin-page" aria-labelledby="admin-tokens-title">
      <h1 id="admin-tokens-title">{t("tokens.adminTitle")}</h1>
      <p className="muted">{t("tokens.adminLead")}</p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {saidError(result, t)}
        </p>
      ) : null}
      <TokenTable tokens={tokens} showOwner />
    </section>
  );
}
