import { useTranslation } from "react-i18next";
import { Form } from "@remix-run/react";
import { CsrfField } from "./csrf-field";

export interface TokenRowView {
  id: number;
  name: string;
  prefix: string;
  owner?: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const when = (value: string) => value.slice(0, 16).replace("T", " ");

/** API tokens with a revoke button each; shared by "My API tokens" and the admin list. */
export function TokenTable({ tokens, showOwner }: { tokens: TokenRowView[]; showOwner: boolean }) {
  const { t } = useTranslation();
  if (tokens.length === 0) return <p className="muted">{t("tokens.none")}</p>;
  return (
    <table className="admin-table" data-testid="token-table">
      <thead>
        <tr>
          <th>{t("tokens.name")}</th>
          {showOwner ? <th>{t("tokens.owner")}</th> : null}
          <th>{t("tokens.startsWith")}</th>
          <th>{t("tokens.created")}</th>
          <th>{t("tokens.lastUsed")}</th>
          <th>
            <span className="visually-hidden">{t("tokens.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} className={token.revokedAt ? "is-inactive" : undefined}>
            <td>{token.name}</td>
            {showOwner ? <td>{token.owner}</td> : null}
            <td>
              <code>{token.prefix}…</code>
            </td>
            <td>{when(token.createdAt)}</td>
            <td>{token.lastUsedAt ? when(token.lastUsedAt) : t("tokens.never")}</td>
            <td className="admin-table__actions">
              {token.revokedAt ? (
                <span className="pill">{t("tokens.revokedAt", { when: when(token.revokedAt) })}</span>
              ) : (
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="id" value={token.id} />
                  <button className="button button--small button--danger" name="intent" value="revoke" type="submit">
                    {t("tokens.revoke")}
                  </button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
