import type { DryRunResult } from "@runtime/automation/types";
import { actionTitle } from "./rule-text";
import { useTranslation } from "react-i18next";
import { useWords } from "../../i18n/use-words";
import { say } from "@runtime/i18n/words";

function valuesText(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

/** What a dry run found: the records the rule would act on now, and each action it would take. */
export function DryRunPanel({ result, table, onClose }: { result: DryRunResult; table: string; onClose(): void }) {
  const { t } = useTranslation();
  const words = useWords();
  return (
    <div className="rules-dry-run" data-testid="dry-run">
      <div className="rules-dry-run__head">
        <h2>{t("rules.dryRun.title")}</h2>
        <button type="button" className="button button--small button--ghost" onClick={onClose}>
          {t("rules.dryRun.close")}
        </button>
      </div>
      <p>
        {result.matches.length === 0
          ? t("rules.dryRun.nothing")
          : t("rules.dryRun.would", { n: `${result.matches.length}${result.truncated ? "+" : ""}` })}{" "}
        {result.matches.slice(0, 10).map((m, i) => (
          <span key={m.id}>
            {i ? ", " : ""}
            <a href={`/t/${encodeURIComponent(table)}/${m.id}`}>{m.title}</a>
          </span>
        ))}
      </p>
      {result.actions.length ? (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t("rules.dryRun.record")}</th>
              <th>{t("rules.dryRun.action")}</th>
              <th>{t("rules.dryRun.in")}</th>
              <th>{t("rules.dryRun.with")}</th>
            </tr>
          </thead>
          <tbody>
            {result.actions.slice(0, 50).map((a, i) => (
              <tr key={i}>
                <td>#{a.record}</td>
                <td>{actionTitle(a.type, words)}</td>
                <td>{a.table}</td>
                <td className="rules-values-text">
                  {a.skipped ? <em>{t("rules.dryRun.skipped", { reason: a.skipped })}</em> : valuesText(a.values)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.errors.length ? (
        <ul className="rules-problems">
          {result.errors.map((e) => (
            <li key={e.record}>{t("rules.dryRun.wouldFail", { id: e.record, message: e.words ? say(e.words, t) : e.message })}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
