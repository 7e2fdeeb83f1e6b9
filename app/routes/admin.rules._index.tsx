import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageOf, translatorFor } from "../services/i18n.server";
import { CsrfField } from "../components/csrf-field";
import { FormResultNotice } from "../components/form-result-notice";
import { RunLog, RunState } from "../components/rules/run-log";
import { adminActorFor, formResult } from "../services/people.server";
import { ruleListAs, setRuleEnabledAs, type RuleListEntry } from "../services/rules-screens.server";
import rulesStyles from "../styles/rules.css";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("nav.admin.rules") };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: rulesStyles }];

/** The request's translator as a plain words function: what the page's loader and action say. */
async function wordsFor(request: Request) {
  const { t } = await translatorFor(request);
  return (key: string, values?: Record<string, unknown>) => t(key, values ?? {});
}

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await ruleListAs(await adminActorFor(request), await wordsFor(request), await languageOf(request)));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const form = await request.formData();
  switch (form.get("intent")) {
    case "enable":
    case "disable":
      return formResult(async () => ({
        message: await setRuleEnabledAs(actor, form.get("id"), form.get("intent") === "enable", await wordsFor(request)),
      }));
    default:
      return json({ ok: false as const, error: "unknown action" }, { status: 400 });
  }
}

function RuleRow({ rule }: { rule: RuleListEntry }) {
  const { t } = useTranslation();
  return (
    <tr data-testid={`rule-${rule.id}`} className={rule.enabled ? undefined : "is-inactive"}>
      <td>
        <Link to={`/admin/rules/${rule.id}`} className="rules-list__name">
          {rule.name}
        </Link>
        {rule.description ? <div className="rules-list__description">{rule.description}</div> : null}
        {rule.problems ? <span className="pill pill--danger">{t("rules.list.problems", { n: rule.problems })}</span> : null}
      </td>
      <td>{rule.tableLabel}</td>
      <td>{rule.trigger}</td>
      <td>
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="id" value={rule.id} />
          <button
            type="submit"
            name="intent"
            value={rule.enabled ? "disable" : "enable"}
            className={`rules-toggle${rule.enabled ? " rules-toggle--on" : ""}`}
            role="switch"
            aria-checked={rule.enabled}
            aria-label={t("rules.list.enabledLabel", { name: rule.name })}
          >
            <span className="rules-toggle__knob" />
            <span className="rules-toggle__text">{rule.enabled ? t("rules.list.on") : t("rules.list.off")}</span>
          </button>
        </Form>
      </td>
      <td>
        {rule.lastRun ? (
          <RunState state={rule.lastRun.state} when={rule.lastRun.createdAt} />
        ) : (
          <span className="rules-muted">{t("rules.list.never")}</span>
        )}
      </td>
      <td>
        {rule.failures ? (
          <span className="pill pill--danger">{t("rules.list.failed", { n: rule.failures })}</span>
        ) : (
          <span className="rules-muted">{t("rules.list.none")}</span>
        )}
      </td>
    </tr>
  );
}

export default function AdminRules() {
  const { t } = useTranslation();
  const { rules, failed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="admin-page rules-page" aria-labelledby="rules-title" aria-busy={busy}>
      <div className="rules-page__head">
        <div>
          <h1 id="rules-title">{t("nav.admin.rules")}</h1>
          <p className="rules-muted">{t("rules.list.intro")}</p>
        </div>
        <Link className="button" to="/admin/rules/new">
          {t("rules.editor.new")}
        </Link>
      </div>
      <FormResultNotice result={result} />
      {rules.length ? (
        <table className="admin-table rules-list">
          <thead>
            <tr>
              <th>{t("rules.editor.rule")}</th>
              <th>{t("formDesigner.list.table")}</th>
              <th>{t("rules.triggerEditor.label")}</th>
              <th>{t("rules.list.enabled")}</th>
              <th>{t("rules.list.lastRun")}</th>
              <th>{t("rules.list.failures")}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <RuleRow key={rule.id} rule={rule} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="rules-empty">{t("rules.list.empty")}</p>
      )}
      {failed.length ? (
        <section aria-labelledby="failed-title" className="rules-failed">
          <h2 id="failed-title">{t("rules.list.failedRuns")}</h2>
          <RunLog runs={failed} ruleNames={Object.fromEntries(rules.map((r) => [r.id, r.name]))} />
        </section>
      ) : null}
    </section>
  );
}
