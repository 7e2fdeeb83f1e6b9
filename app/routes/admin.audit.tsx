import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { AUDIT_ACTIONS } from "@runtime/auth/audit.server";
import type { Words } from "@runtime/i18n/translator";
import { formatAuditTime } from "../components/card/card-history";
import { useLocale } from "../i18n/use-locale";
import { languageOf } from "../services/i18n.server";
import { adminActorFor, auditTrailScreen } from "../services/people.server";
import configStyles from "../styles/config.css";
import { forPage } from "../utils/api.server";
import { TableOptions } from "../components/table-options";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: configStyles }];
export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.audit") };

const FILTERS = ["user", "action", "table"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  const search = new URL(request.url).searchParams;
  const query = Object.fromEntries([...FILTERS, "before"].map((name) => [name, search.get(name) || null]));
  const language = await languageOf(request);
  return json({ ...(await forPage(request, () => auditTrailScreen(actor, query, language))), query, actions: AUDIT_ACTIONS });
}

type Screen = ReturnType<typeof useLoaderData<typeof loader>>;
type Entry = Screen["entries"][number];
type Table = Screen["tables"][number];

/** The entry's changes in a line: an update's changed fields by their labels, anything else as its JSON. */
function changesLine(entry: Entry, table: Table | undefined): string {
  const changes = entry.changes;
  if (changes === null || changes === undefined) return "";
  if (entry.action === "update" && typeof changes === "object" && !Array.isArray(changes))
    return Object.keys(changes)
      .map((key) => table?.fields[key] ?? key)
      .join(", ");
  if (typeof changes === "object" && !Array.isArray(changes))
    return Object.entries(changes)
      .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
      .join(", ");
  return JSON.stringify(changes);
}

/** The query string of this screen with `changes` applied; an empty value drops its parameter. */
function queryWith(query: Screen["query"], changes: Record<string, string | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, ...changes })) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default function AdminAudit() {
  const { entries, older, users, tables, query, actions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const loading = useNavigation().state === "loading";
  const userOf = new Map(users.map((u) => [u.id, u]));
  const tableOf = new Map(tables.map((table) => [table.key, table]));
  const narrowed = FILTERS.some((name) => query[name]);
  return (
    <section className="admin-page config-page" aria-labelledby="audit-title" aria-busy={loading}>
      <h1 id="audit-title">{t("auditPage.title")}</h1>
      <p className="muted config-page__lead">{t("auditPage.lead")}</p>
      <Form method="get" className="inline-form inline-form--wrap" data-testid="audit-filters">
        <label>
          {t("auditPage.user")}
          <select name="user" defaultValue={query.user ?? ""}>
            <option value="">{t("auditPage.everyone")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("auditPage.action")}
          <select name="action" defaultValue={query.action ?? ""}>
            <option value="">{t("auditPage.anyAction")}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {t(`auditPage.actions.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("auditPage.table")}
          <select name="table" defaultValue={query.table ?? ""}>
            <option value="">{t("auditPage.anyTable")}</option>
            <TableOptions tables={tables} />
          </select>
        </label>
        <button className="button" type="submit">
          {t("auditPage.show")}
        </button>
        {narrowed ? <Link to="/admin/audit">{t("auditPage.clear")}</Link> : null}
      </Form>
      {entries.length === 0 ? (
        <p className="config-empty">{narrowed || query.before ? t("auditPage.noneMatch") : t("auditPage.none")}</p>
      ) : (
        <AuditTable entries={entries} t={t} locale={locale} userOf={userOf} tableOf={tableOf} />
      )}
      <nav className="audit-pages" aria-label={t("auditPage.pages")}>
        {query.before ? <Link to={`/admin/audit${queryWith(query, { before: null })}`}>{t("auditPage.newest")}</Link> : null}
        {older !== null ? (
          <Link to={`/admin/audit${queryWith(query, { before: String(older) })}`} rel="next">
            {t("auditPage.older")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}

function AuditTable({
  entries,
  t,
  locale,
  userOf,
  tableOf,
}: {
  entries: Entry[];
  t: Words;
  locale: string;
  userOf: Map<number, Screen["users"][number]>;
  tableOf: Map<string, Table>;
}) {
  return (
    <div className="audit-scroll">
      <table className="admin-table audit-table" data-testid="audit-entries">
        <thead>
          <tr>
            <th>{t("auditPage.when")}</th>
            <th>{t("auditPage.who")}</th>
            <th>{t("auditPage.action")}</th>
            <th>{t("auditPage.what")}</th>
            <th>{t("auditPage.address")}</th>
            <th>{t("auditPage.details")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const user = entry.userId === null ? undefined : userOf.get(entry.userId);
            const table = entry.table === null ? undefined : tableOf.get(entry.table);
            const details = changesLine(entry, table);
            return (
              <tr key={entry.id} data-audit-id={entry.id}>
                <td>
                  <time dateTime={entry.at}>{formatAuditTime(entry.at, { locale })}</time>
                </td>
                <td>
                  {user ? (
                    <span title={user.email}>{user.name}</span>
                  ) : entry.userId === null ? (
                    // A sign-in with an unknown email has nobody behind it; anything else was the system's (a rule, the seed).
                    <span className="muted">{entry.action === "login_failed" ? t("auditPage.nobody") : t("history.system")}</span>
                  ) : (
                    <span className="muted">#{entry.userId}</span>
                  )}
                </td>
                <td>
                  <span className="pill">{t(`auditPage.actions.${entry.action}`)}</span>
                </td>
                <td>
                  {table && entry.recordId !== null && entry.action !== "delete" ? (
                    // The whole "Clients #12" is the link: a number alone inside text is one only its colour tells apart.
                    <Link to={`/t/${encodeURIComponent(table.key)}/${entry.recordId}`}>
                      {table.label} #{entry.recordId}
                    </Link>
                  ) : (
                    <>
                      {table ? table.label : entry.table ? <code>{entry.table}</code> : null}
                      {entry.recordId !== null ? <span className="muted"> #{entry.recordId}</span> : null}
                    </>
                  )}
                </td>
                <td>{entry.ip ?? <span className="muted">—</span>}</td>
                <td className="audit-table__details" title={details.length > 120 ? details : undefined}>
                  {details.length > 120 ? `${details.slice(0, 119)}…` : details}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A filter typed into the address that cannot be read says what it must be, with the way back. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const said = isRouteErrorResponse(error) && typeof error.data?.error === "string" ? error.data.error : null;
  const [title, text] =
    status === 400 && said
      ? [t("auditPage.badFilter"), said]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbidden")]
        : [t("errors.failedTitle"), t("errors.failed")];
  return (
    <section className="error-panel" role="alert">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link className="button" to={status === 400 ? "/admin/audit" : "/"}>
          {status === 400 ? t("auditPage.clear") : t("errors.backHome")}
        </Link>
      </p>
    </section>
  );
}
