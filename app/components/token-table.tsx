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

const when = (value: string | null) => (value ? value.slice(0, 16).replace("T", " ") : "never");

/** API tokens with a revoke button each; shared by "My API tokens" and the admin list. */
export function TokenTable({ tokens, showOwner }: { tokens: TokenRowView[]; showOwner: boolean }) {
  if (tokens.length === 0) return <p className="muted">No API tokens yet.</p>;
  return (
    <table className="admin-table" data-testid="token-table">
      <thead>
        <tr>
          <th>Name</th>
          {showOwner ? <th>Owner</th> : null}
          <th>Starts with</th>
          <th>Created</th>
          <th>Last used</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id} className={t.revokedAt ? "is-inactive" : undefined}>
            <td>{t.name}</td>
            {showOwner ? <td>{t.owner}</td> : null}
            <td>
              <code>{t.prefix}…</code>
            </td>
            <td>{when(t.createdAt)}</td>
            <td>{when(t.lastUsedAt)}</td>
            <td className="admin-table__actions">
              {t.revokedAt ? (
                <span className="pill">revoked {when(t.revokedAt)}</span>
              ) : (
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="id" value={t.id} />
                  <button className="button button--small button--danger" name="intent" value="revoke" type="submit">
                    Revoke
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
