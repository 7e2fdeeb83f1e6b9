import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { tableRights, TABLE_ACTIONS } from "@runtime/auth/roles";
import { FormResultNotice } from "../components/form-result-notice";
import { CsrfField } from "../components/csrf-field";
import { adminActorFor, formResult, listRolesAs, matrixTables, saveRoleAs } from "../services/people.server";
import { fieldName, rightName, roleFromForm } from "../utils/role-form";

export const meta: MetaFunction = () => [{ title: "Roles · Tessera" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  const roles = await listRolesAs(actor);
  const wanted = new URL(request.url).searchParams.get("role");
  const selected = roles.find((r) => r.key === wanted) ?? roles.find((r) => r.key === "staff") ?? roles[0];
  return json({ roles, selected, tables: await matrixTables() });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
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
  if (!current) return json({ ok: false as const, error: "there is no such role" }, { status: 404 });
  const role = roleFromForm(
    form,
    { key: current.key, name: String(form.get("name") || current.name), admin: current.admin },
    await matrixTables(),
  );
  return formResult(async () => ({ role: await saveRoleAs(actor, role), message: `Saved the role ${role.name}.` }));
}

export default function AdminRoles() {
  const { roles, selected, tables } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const locked = selected.key === "admin";
  const rows = [{ id: "*", label: "Any other table", fields: [] as { id: string; label: string }[] }, ...tables];
  return (
    <section className="admin-page" aria-labelledby="roles-title">
      <h1 id="roles-title">Roles</h1>
      <nav className="role-tabs" aria-label="Roles">
        {roles.map((r) => (
          <Link
            key={r.key}
            to={`?role=${r.key}`}
            className={r.key === selected.key ? "role-tab is-selected" : "role-tab"}
            aria-current={r.key === selected.key ? "page" : undefined}
          >
            {r.name}
            {r.builtin ? <span className="role-tab__note"> built-in</span> : null}
          </Link>
        ))}
      </nav>
      <FormResultNotice result={result} />
      {locked ? (
        <p className="notice">
          Administrators may always do everything, including the designers, users and roles. This role cannot be changed.
        </p>
      ) : null}
      <Form method="post" key={selected.key} data-testid="role-matrix">
        <CsrfField />
        <input type="hidden" name="key" value={selected.key} />
        <fieldset disabled={locked} className="role-matrix__fieldset">
          <label className="inline-label">
            Name <input name="name" defaultValue={selected.name} maxLength={100} required />
          </label>
          <table className="admin-table role-matrix">
            <thead>
              <tr>
                <th>Table</th>
                {TABLE_ACTIONS.map((a) => (
                  <th key={a} className="role-matrix__check">
                    {a}
                  </th>
                ))}
                <th>Records</th>
                <th>Fields</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => {
                const rights = tableRights(selected, t.id);
                const restricted = Object.keys(rights.fields ?? {}).length;
                return (
                  <tr key={t.id}>
                    <th scope="row">{t.label}</th>
                    {TABLE_ACTIONS.map((a) => (
                      <td key={a} className="role-matrix__check">
                        <input type="checkbox" name={rightName(t.id, a)} defaultChecked={rights[a]} aria-label={`${t.label}: ${a}`} />
                      </td>
                    ))}
                    <td>
                      <select name={rightName(t.id, "scope")} defaultValue={rights.scope} aria-label={`${t.label}: which records`}>
                        <option value="all">all</option>
                        <option value="own">own</option>
                      </select>
                    </td>
                    <td>
                      {t.fields.length ? (
                        <details className="role-matrix__fields">
                          <summary>{restricted ? `${restricted} restricted` : "all writable"}</summary>
                          <div className="role-matrix__field-grid">
                            {t.fields.map((f) => (
                              <label key={f.id}>
                                <span>{f.label}</span>
                                <select name={fieldName(t.id, f.id)} defaultValue={rights.fields?.[f.id] ?? "write"}>
                                  <option value="write">writable</option>
                                  <option value="readonly">read-only</option>
                                  <option value="hidden">hidden</option>
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
              Save {selected.name}
            </button>
          )}
        </fieldset>
      </Form>

      <h2>Add a role</h2>
      <Form method="post" className="inline-form inline-form--wrap">
        <CsrfField />
        <label>
          Key
          <input name="key" required pattern="[a-z][a-z0-9_]{0,31}" placeholder="e.g. sales" title="lower-case letters, digits and _" />
        </label>
        <label>
          Name
          <input name="name" required maxLength={100} placeholder="e.g. Sales" />
        </label>
        <label>
          Start from
          <select name="copyFrom" defaultValue="staff">
            {roles
              .filter((r) => r.key !== "admin")
              .map((r) => (
                <option key={r.key} value={r.key}>
                  {r.name}
                </option>
              ))}
          </select>
        </label>
        <button className="button" name="intent" value="add" type="submit">
          Add role
        </button>
      </Form>
    </section>
  );
}
