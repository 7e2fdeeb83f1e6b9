import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "../components/csrf-field";
import { FormResultNotice } from "../components/form-result-notice";
import { adminActorFor, formResult } from "../services/people.server";
import { getRuntime } from "../services/runtime.server";
import { restoreTrashEntry, trashOverview } from "../services/trash.server";
import configStyles from "../styles/config.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: configStyles }];
export const meta: MetaFunction = () => [{ title: "Trash · Tessera" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await adminActorFor(request);
  const runtime = await getRuntime();
  return json({ entries: await trashOverview(runtime.db, runtime.workspace) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const form = await request.formData();
  const id = Number(form.get("id"));
  if (form.get("intent") !== "restore" || !Number.isSafeInteger(id) || id < 1)
    return json({ ok: false as const, error: "Choose an entry of the trash to restore." }, { status: 400 });
  return formResult(async () => restoreTrashEntry(await getRuntime(), actor, id));
}

const KIND_LABEL = { field: "Field", table: "Table", record: "Record" } as const;
const when = (value: string) => String(value).slice(0, 16).replace("T", " ");

function amount(kind: keyof typeof KIND_LABEL, values: number | null): string {
  if (values === null) return "—";
  if (kind === "field") return `${values} ${values === 1 ? "value" : "values"}`;
  if (kind === "table") return `${values} ${values === 1 ? "record" : "records"}`;
  return "1 record";
}

export default function AdminTrash() {
  const { entries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().formData?.get("id");
  const schemaEntries = entries.filter((e) => e.kind !== "record");
  const records = entries.filter((e) => e.kind === "record");
  return (
    <section className="admin-page config-page" aria-labelledby="trash-title">
      <h1 id="trash-title">Trash</h1>
      <p className="muted config-page__lead">
        Fields and tables removed in the schema keep their values here; records deleted from lists and cards wait here too. Restoring brings
        them back with their data.
      </p>
      <FormResultNotice result={result} />
      <h2>Fields and tables</h2>
      {schemaEntries.length === 0 ? (
        <p className="config-empty">No removed fields or tables.</p>
      ) : (
        <TrashTable entries={schemaEntries} busy={busy} testId="trash-schema" />
      )}
      <h2>Records</h2>
      {records.length === 0 ? (
        <p className="config-empty">No deleted records.</p>
      ) : (
        <TrashTable entries={records} busy={busy} testId="trash-records" />
      )}
    </section>
  );
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

function TrashTable({ entries, busy, testId }: { entries: Entry[]; busy: FormDataEntryValue | null | undefined; testId: string }) {
  return (
    <table className="admin-table trash-table" data-testid={testId}>
      <thead>
        <tr>
          <th>What</th>
          <th>Table</th>
          <th>Removed</th>
          <th>By</th>
          <th>Holds</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const name = e.label ?? e.field ?? e.table;
          return (
            <tr key={e.id} data-trash-id={e.id}>
              <td>
                <span className="pill">{KIND_LABEL[e.kind]}</span> <strong>{name}</strong>
                {e.kind === "field" ? <code className="trash-table__key">{e.field}</code> : null}
                {e.kind === "record" ? <span className="muted"> #{e.recordId}</span> : null}
              </td>
              <td>{e.currentTable && e.kind !== "table" ? <Link to={`/t/${e.currentTable}`}>{e.tableLabel}</Link> : e.tableLabel}</td>
              <td>{when(e.deletedAt)}</td>
              <td>{e.deletedBy ?? <span className="muted">—</span>}</td>
              <td>{amount(e.kind, e.values)}</td>
              <td className="admin-table__actions">
                <Form method="post" className="row-form">
                  <CsrfField />
                  <input type="hidden" name="id" value={e.id} />
                  <button
                    className="button button--small"
                    name="intent"
                    value="restore"
                    type="submit"
                    disabled={busy === String(e.id)}
                    aria-label={`Restore ${KIND_LABEL[e.kind].toLowerCase()} ${name}`}
                  >
                    {busy === String(e.id) ? "Restoring…" : "Restore"}
                  </button>
                </Form>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
