import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormResultNotice } from "../components/form-result-notice";
import { CsrfField } from "../components/csrf-field";
import { roleNameIn } from "~/i18n/role-name";
import { translatorFor } from "../services/i18n.server";
import { addUserAs, adminActorFor, formResult, listRolesAs, listUsersAs, resetPasswordAs, updateUserAs } from "../services/people.server";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.users") };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  const roles = (await listRolesAs(actor)).map((r) => ({ key: r.key, name: r.name }));
  return json({ users: await listUsersAs(actor), roles, me: actor.id });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const { t } = await translatorFor(request);
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
        return {
          message: t("usersPage.added", { name: user.name }),
          secret: oneTimePassword ? { email: user.email, password: oneTimePassword } : null,
        };
      });
    case "role":
      return formResult(async () => {
        const user = await updateUserAs(actor, id, { role: form.get("role") });
        const role = (await listRolesAs(actor)).find((r) => r.key === user.role);
        return {
          message: t("usersPage.roleChanged", { name: user.name, role: role ? roleNameIn(t, role.key, role.name) : user.role }),
          secret: null,
        };
      });
    case "active":
      return formResult(async () => {
        const user = await updateUserAs(actor, id, { active: form.get("active") === "true" });
        return {
          message: t(user.active ? "usersPage.reactivated" : "usersPage.deactivated", { name: user.name }),
          secret: null,
        };
      });
    case "reset":
      return formResult(async () => {
        const { oneTimePassword } = await resetPasswordAs(actor, id);
        const email = String(form.get("email") ?? "");
        return { message: t("usersPage.passwordReset"), secret: { email, password: oneTimePassword } };
      });
    default:
      return json({ ok: false as const, error: t("usersPage.unknownAction") }, { status: 400 });
  }
}

const when = (value: string) => String(value).slice(0, 16).replace("T", " ");

export default function AdminUsers() {
  const { users, roles, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="admin-page" aria-labelledby="users-title">
      <h1 id="users-title">{t("usersPage.title")}</h1>
      <FormResultNotice result={result} />
      {result && result.ok && "secret" in result && result.secret ? (
        <div className="secret-once" role="status" data-testid="one-time-password">
          <strong>{t("usersPage.oneTimeFor", { email: result.secret.email })}</strong>
          <code>{result.secret.password}</code>
          <span>{t("usersPage.oneTimeHint")}</span>
        </div>
      ) : null}
      <table className="admin-table" data-testid="users-table">
        <thead>
          <tr>
            <th>{t("usersPage.name")}</th>
            <th>{t("usersPage.email")}</th>
            <th>{t("usersPage.role")}</th>
            <th>{t("usersPage.status")}</th>
            <th>{t("usersPage.lastSignIn")}</th>
            <th>
              <span className="visually-hidden">{t("usersPage.actions")}</span>
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
                  <select name="role" defaultValue={u.role} aria-label={t("usersPage.roleOf", { name: u.name })}>
                    {roles.map((r) => (
                      <option key={r.key} value={r.key}>
                        {roleNameIn(t, r.key, r.name)}
                      </option>
                    ))}
                  </select>
                  <button className="button button--small" name="intent" value="role" type="submit">
                    {t("usersPage.change")}
                  </button>
                </Form>
              </td>
              <td>
                <span className={u.active ? "pill pill--ok" : "pill"}>
                  {u.active ? (u.mustChangePassword ? t("usersPage.activeMustChange") : t("usersPage.active")) : t("usersPage.inactive")}
                </span>
              </td>
              <td>{u.lastLoginAt ? when(u.lastLoginAt) : t("usersPage.never")}</td>
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
                    title={t("usersPage.resetTitle", { name: u.name })}
                  >
                    {t("usersPage.resetPassword")}
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
                        {u.active ? t("usersPage.deactivate") : t("usersPage.reactivate")}
                      </button>
                    </>
                  ) : null}
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("usersPage.addTitle")}</h2>
      <Form method="post" className="inline-form inline-form--wrap" data-testid="add-user">
        <CsrfField />
        <label>
          {t("usersPage.name")}
          <input name="name" required maxLength={200} />
        </label>
        <label>
          {t("usersPage.email")}
          <input name="email" type="email" required />
        </label>
        <label>
          {t("usersPage.role")}
          <select name="role" defaultValue="staff">
            {roles.map((r) => (
              <option key={r.key} value={r.key}>
                {roleNameIn(t, r.key, r.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("usersPage.initialPassword")}
          <input name="password" type="password" autoComplete="new-password" minLength={10} />
        </label>
        <label className="checkbox">
          <input name="generate" type="checkbox" defaultChecked />
          {t("usersPage.generate")}
        </label>
        <button className="button button--primary" name="intent" value="add" type="submit">
          {t("usersPage.add")}
        </button>
      </Form>
    </section>
  );
}
