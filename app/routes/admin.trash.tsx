import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import type { Words } from "@runtime/i18n/translator";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "../components/csrf-field";
import { FormResultNotice } from "../components/form-result-notice";
import { translatorFor } from "../services/i18n.server";
import { adminActorFor, formResult } from "../services/people.server";
import { getRuntime } from "../services/runtime.server";
import { restoreTrashEntry, trashOverview } from "../services/trash.server";
import configStyles from "../styles/config.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: configStyles }];
export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.trash") };

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
    return json({ ok: false as const, error: (await translatorFor(request)).t("trash.chooseEntry") }, { status: 400 });
  return formResult(async () => restoreTrashEntry(await getRuntime(), actor, id));
}

type Kind = "field" | "table" | "record";
const when = (value: string) => String(value).slice(0, 16).replace("T", " ");

function amount(t: Words, kind: Kind, values: number | null): string {
  if (values === null) return "—";
  if (kind === "field") return t("trash.values", { count: values });
  return t("trash.records", { count: kind === "table" ? values : 1 });
}

export default function AdminTrash() {
  const { entries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().formData?.get("id");
  const schemaEntries = entries.filter((e) => e.kind !== "record");
  const records = entries.filter((e) => e.kind === "record");
  const { t } = useTranslation();
  return (
    <section className="admin-page config-page" aria-labelledby="trash-title">
      <h1 id="trash-title">{t("trash.title")}</h1>
      <p className="muted config-page__lead">{t("trash.lead")}</p>
      <FormResultNotice result={result} />
      <h2>{t("trash.fieldsAndTables")}</h2>
      {schemaEntries.length === 0 ? (
        <p className="config-empty">{t("trash.noSchema")}</p>
      ) : (
        <TrashTable entries={schemaEntries} busy={busy} testId="trash-schema" />
      )}
      <h2>{t("trash.recordsTitle")}</h2>
      {records.length === 0 ? (
        <p className="config-empty">{t("trash.noRecords")}</p>
      ) : (
        <TrashTable entries={records} busy={busy} testId="trash-records" />
      )}
    </section>
  );
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

function TrashTable({ entries, busy, testId }: { entries: Entry[]; busy: FormDataEntryValue | null | undefined; testId: string }) {
  const { t } = useTranslation();
  return (
    <table className="admin-table trash-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t("trash.what")}</th>
          <th>{t("trash.table")}</th>
          <th>{t("trash.removed")}</th>
          <th>{t("trash.by")}</th>
          <th>{t("trash.holds")}</th>
          <th>
            <span className="visually-hidden">{t("trash.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const name = e.label ?? e.field ?? e.table;
          return (
            <tr key={e.id} data-trash-id={e.id}>
              <td>
                <span className="pill">{t(`trash.kind.${e.kind}`)}</span> <strong>{name}</strong>
                {e.kind === "field" ? <code className="trash-table__key">{e.field}</code> : null}
                {e.kind === "record" ? <span className="muted"> #{e.recordId}</span> : null}
              </td>
              <td>{e.currentTable && e.kind !== "table" ? <Link to={`/t/${e.currentTable}`}>{e.tableLabel}</Link> : e.tableLabel}</td>
              <td>{when(e.deletedAt)}</td>
              <td>{e.deletedBy ?? <span className="muted">—</span>}</td>
              <td>{amount(t, e.kind, e.values)}</td>
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
                    aria-label={t(`trash.restoreOf.${e.kind}`, { name })}
                  >
                    {busy === String(e.id) ? t("trash.restoring") : t("trash.restore")}
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
