import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormResultNotice } from "../components/form-result-notice";
import { CsrfField } from "../components/csrf-field";
import { addUserAs, adminActorFor, formResult, listRolesAs, listUsersAs, resetPasswordAs, updateUserAs } from "../services/people.server";

export const meta: MetaFunction = () => [{ title: "Users · Tessera" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  const roles = (await listRolesAs(actor)).map((r) => ({ key: r.key, name: r.name }));
  return json({ users: await listUsersAs(actor), roles, me: actor.id });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const form = await request.formData();
  const id = Number(form.get("id"));
  switch (form.get("intent")) {
    case "add":
      return formResult(async () => {
        const { user, oneTimePassword } = await addUserAs(actor, {
          name: form.get("name"),
          email: form.get("email"),
          role: form.get("role"),
          password: form.get("generate") === "on" ? undefined : form.get("password") || undefined,
          generatePassword: form.get("generate") === "on",
        });
        return { message: `Added ${user.name}.`, secret: oneTimePassword ? { email: user.email, password: oneTimePassword } : null };
      });
    case "role":
      return formResult(async () => ({
        message: `${(await updateUserAs(actor, id, { role: form.get("role") })).name} now has the role ${form.get("role")}.`,
        secret: null,
      }));
    case "active":
      return formResult(async () => {
        const user = await updateUserAs(actor, id, { active: form.get("active") === "true" });
        return {
          message: `${user.name} is ${user.active ? "active again" : "deactivated: their sessions and tokens ended"}.`,
          secret: null,
        };
      });
    case "reset":
      return formResult(async () => {
        const { oneTimePassword } = await resetPasswordAs(actor, id);
        const email = String(form.get("email") ?? "");
        return { message: "The password was reset.", secret: { email, password: oneTimePassword } };
      });
    default:
      return json({ ok: false as const, error: "unknown action" }, { status: 400 });
  }
}

const when = (value: string | null) => (value ? String(value).slice(0, 16).replace("T", " ") : "never");

export default function AdminUsers() {
  const { users, roles, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const roleName = new Map(roles.map((r) => [r.key, r.name]));
  return (
    <section className="admin-page" aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <FormResultNotice result={result} />
      {result && result.ok && "secret" in result && result.secret ? (
        <div className="secret-once" role="status" data-testid="one-time-password">
          <strong>One-time password for {result.secret.email} — shown only once:</strong>
          <code>{result.secret.password}</code>
          <span>They will be asked to choose their own at the next sign-in.</span>
        </div>
      ) : null}
      <table className="admin-table" data-testid="users-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Status</th>
            <th>Last sign-in</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.active ? undefined : "is-inactive"}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <Form method="post" className="row-form">
                  <CsrfField />
                  <input type="hidden" name="id" value={u.id} />
                  <select name="role" defaultValue={u.role} aria-label={`Role of ${u.name}`}>
                    {roles.map((r) => (
                      <option key={r.key} value={r.key}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                  <button className="button button--small" name="intent" value="role" type="submit">
                    Change
                  </button>
                </Form>
              </td>
              <td>
                <span className={u.active ? "pill pill--ok" : "pill"}>
                  {u.active ? (u.mustChangePassword ? "active · must change password" : "active") : "deactivated"}
                </span>
              </td>
              <td>{when(u.lastLoginAt)}</td>
              <td className="admin-table__actions">
                <Form method="post" className="row-form">
                  <CsrfField />
                  <input type="hidden" name="id" value={u.id} />
                  <input type="hidden" name="email" value={u.email} />
                  <button
                    className="button button--small"
                    name="intent"
                    value="reset"
                    type="submit"
                    title={`A one-time password for ${u.name}`}
                  >
                    Reset password
                  </button>
                  {u.id !== me ? (
                    <>
                      <input type="hidden" name="active" value={u.active ? "false" : "true"} />
                      <button
                        className={u.active ? "button button--small button--danger" : "button button--small"}
                        name="intent"
                        value="active"
                        type="submit"
                      >
                        {u.active ? "Deactivate" : "Reactivate"}
                      </button>
                    </>
                  ) : null}
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Add a user</h2>
      <Form method="post" className="inline-form inline-form--wrap" data-testid="add-user">
        <CsrfField />
        <label>
          Name
          <input name="name" required maxLength={200} />
        </label>
        <label>
          Email
          <input name="email" type="email" required />
        </label>
        <label>
          Role
          <select name="role" defaultValue="staff">
            {roles.map((r) => (
              <option key={r.key} value={r.key}>
                {roleName.get(r.key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Initial password
          <input name="password" type="password" autoComplete="new-password" minLength={10} />
        </label>
        <label className="checkbox">
          <input name="generate" type="checkbox" defaultChecked />
          Generate a one-time password
        </label>
        <button className="button button--primary" name="intent" value="add" type="submit">
          Add user
        </button>
      </Form>
    </section>
  );
}
