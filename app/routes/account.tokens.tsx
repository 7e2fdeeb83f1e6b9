import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "../components/csrf-field";
import { TokenTable } from "../components/token-table";
import { actorFor } from "../services/actor.server";
import { createTokenAs, formResult, listTokensAs, revokeTokenAs } from "../services/people.server";

export const meta: MetaFunction = () => [{ title: "My API tokens · Tessera" }];

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
  return (
    <section className="admin-page" aria-labelledby="tokens-title">
      <h1 id="tokens-title">My API tokens</h1>
      <p className="muted">
        A token lets a program use the API as you: send it as <code>Authorization: Bearer &lt;token&gt;</code>. It can do what your role
        allows.
      </p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {result && "token" in result && result.token ? (
        <div className="secret-once" role="status" data-testid="new-token">
          <strong>Your new token — copy it now, it is shown only once:</strong>
          <code>{result.token}</code>
        </div>
      ) : null}
      <Form method="post" className="inline-form">
        <CsrfField />
        <label>
          Name
          <input name="name" required maxLength={100} placeholder="e.g. accounting export" />
        </label>
        <button className="button button--primary" name="intent" value="create" type="submit">
          Create token
        </button>
      </Form>
      <TokenTable tokens={tokens} showOwner={false} />
    </section>
  );
}
