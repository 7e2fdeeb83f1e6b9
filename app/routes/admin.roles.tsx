import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { tableRights, TABLE_ACTIONS } from "@runtime/auth/roles";
import { FormResultNotice } from "../components/form-result-notice";
import { CsrfField } from "../components/csrf-field";
import { roleNameIn } from "~/i18n/role-name";
import { languageOf, translatorFor } from "../services/i18n.server";
import { adminActorFor, formResult, listRolesAs, matrixTables, saveRoleAs } from "../services/people.server";
import { fieldName, rightName, roleFromForm } from "../utils/role-form";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.roles") };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  const roles = await listRolesAs(actor);
  const wanted = new URL(request.url).searchParams.get("role");
  const selected = roles.find((r) => r.key === wanted) ?? roles.find((r) => r.key === "staff") ?? roles[0];
  return json({ roles, selected, tables: await matrixTables(await languageOf(request)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const { t } = await translatorFor(request);
  const form = await request.formData();
  const roles = await listRolesAs(actor);
  if (form.get("intent") === "add") {
    const from = roles.find((r) => r.key === form.get("copyFrom")) ?? roles.find((r) => r.key === "staff")!;
    const result = await formResult(async () => ({
      role: await saveRoleAs(actor, {
        key: String(form.get("key") ?? ""),
        name: String(form.get("name") ?? ""),
        admin: false,
        tables: from.tables,
      }),
    }));
    if (result.status !== 200) return result;
    return redirect(`/admin/roles?role=${encodeURIComponent(String(form.get("key")))}`);
  }
  const current = roles.find((r) => r.key === form.get("key"));
  if (!current) return json({ ok: false as const, error: t("rolesPage.noSuchRole") }, { status: 404 });
  const role = roleFromForm(
    form,
    { key: current.key, name: String(form.get("name") || current.name), admin: current.admin },
    await matrixTables(),
  );
  return formResult(async () => ({
    role: await saveRoleAs(actor, role),
    message: t("rolesPage.saved", { name: roleNameIn(t, role.key, role.name) }),
  }));
}

export default function AdminRoles() {
  const { roles, selected, tables } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const locked = selected.key === "admin";
  const rows = [{ id: "*", label: t("rolesPage.anyOtherTable"), fields: [] as { id: string; label: string }[] }, ...tables];
  return (
    <section className="admin-page" aria-labelledby="roles-title">
      <h1 id="roles-title">{t("rolesPage.title")}</h1>
      <nav className="role-tabs" aria-label={t("rolesPage.title")}>
        {roles.map((r) => (
          <Link
            key={r.key}
            to={`?role=${r.key}`}
            className={r.key === selected.key ? "role-tab is-selected" : "role-tab"}
            aria-current={r.key === selected.key ? "page" : undefined}
          >
            {roleNameIn(t, r.key, r.name)}
            {r.builtin ? <span className="role-tab__note"> {t("rolesPage.builtIn")}</span> : null}
          </Link>
        ))}
      </nav>
      <FormResultNotice result={result} />
      {locked ? <p className="notice">{t("rolesPage.adminLocked")}</p> : null}
      <Form method="post" key={selected.key} data-testid="role-matrix">
        <CsrfField />
        <input type="hidden" name="key" value={selected.key} />
        <fieldset disabled={locked} className="role-matrix__fieldset">
          <label className="inline-label">
            {t("rolesPage.name")} <input name="name" defaultValue={selected.name} maxLength={100} required />
          </label>
          <table className="admin-table role-matrix">
            <thead>
              <tr>
                <th>{t("rolesPage.table")}</th>
                {TABLE_ACTIONS.map((a) => (
                  <th key={a} className="role-matrix__check">
                    {t(`rolesPage.actions.${a}`)}
                  </th>
                ))}
                <th>{t("rolesPage.records")}</th>
                <th>{t("rolesPage.fields")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((table) => {
                const rights = tableRights(selected, table.id);
                const restricted = Object.keys(rights.fields ?? {}).length;
                return (
                  <tr key={table.id}>
                    <th scope="row">{table.label}</th>
                    {TABLE_ACTIONS.map((a) => (
                      <td key={a} className="role-matrix__check">
                        <input
                          type="checkbox"
                          name={rightName(table.id, a)}
                          defaultChecked={rights[a]}
                          aria-label={`${table.label}: ${t(`rolesPage.actions.${a}`)}`}
                        />
                      </td>
                    ))}
                    <td>
                      <select
                        name={rightName(table.id, "scope")}
                        defaultValue={rights.scope}
                        aria-label={t("rolesPage.whichRecords", { table: table.label })}
                      >
                        <option value="all">{t("rolesPage.scopeAll")}</option>
                        <option value="own">{t("rolesPage.scopeOwn")}</option>
                      </select>
                    </td>
                    <td>
                      {table.fields.length ? (
                        <details className="role-matrix__fields">
                          <summary>{restricted ? t("rolesPage.restricted", { count: restricted }) : t("rolesPage.allWritable")}</summary>
                          <div className="role-matrix__field-grid">
                            {table.fields.map((f) => (
                              <label key={f.id}>
                                <span>{f.label}</span>
                                <select name={fieldName(table.id, f.id)} defaultValue={rights.fields?.[f.id] ?? "write"}>
                                  <option value="write">{t("rolesPage.writable")}</option>
                                  <option value="readonly">{t("rolesPage.readOnly")}</option>
                                  <option value="hidden">{t("rolesPage.hidden")}</option>
                                </select>
                              </label>
                            ))}
                          </div>
                        </details>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {locked ? null : (
            <button className="button button--primary" type="submit" name="intent" value="save">
              {t("rolesPage.save", { name: roleNameIn(t, selected.key, selected.name) })}
            </button>
          )}
        </fieldset>
      </Form>

      <h2>{t("rolesPage.addTitle")}</h2>
      <Form method="post" className="inline-form inline-form--wrap">
        <CsrfField />
        <label>
          {t("rolesPage.key")}
          <input
            name="key"
            required
            pattern="[a-z][a-z0-9_]{0,31}"
            placeholder={t("rolesPage.keyExample")}
            title={t("rolesPage.keyRule")}
          />
        </label>
        <label>
          {t("rolesPage.name")}
          <input name="name" required maxLength={100} placeholder={t("rolesPage.nameExample")} />
        </label>
        <label>
          {t("rolesPage.startFrom")}
          <select name="copyFrom" defaultValue="staff">
            {roles
              .filter((r) => r.key !== "admin")
              .map((r) => (
                <option key={r.key} value={r.key}>
                  {roleNameIn(t, r.key, r.name)}
                </option>
              ))}
          </select>
        </label>
        <button className="button" name="intent" value="add" type="submit">
          {t("rolesPage.add")}
        </button>
      </Form>
    </section>
  );
}
