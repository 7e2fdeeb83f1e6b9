import type { DryRunResult } from "@runtime/automation/types";
import { actionTitle } from "./rule-text";

function valuesText(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

/** What a dry run found: the records the rule would act on now, and each action it would take. */
export function DryRunPanel({ result, table, onClose }: { result: DryRunResult; table: string; onClose(): void }) {
  return (
    <div className="rules-dry-run" data-testid="dry-run">
      <div className="rules-dry-run__head">
        <h2>Dry run: nothing was kept</h2>
        <button type="button" className="button button--small button--ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        {result.matches.length === 0
          ? "No record meets the rule now: it would do nothing."
          : `It would act on ${result.matches.length}${result.truncated ? "+" : ""} record(s) now:`}{" "}
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
              <th>Record</th>
              <th>Action</th>
              <th>In</th>
              <th>With</th>
            </tr>
          </thead>
          <tbody>
            {result.actions.slice(0, 50).map((a, i) => (
              <tr key={i}>
                <td>#{a.record}</td>
                <td>{actionTitle(a.type)}</td>
                <td>{a.table}</td>
                <td className="rules-values-text">{a.skipped ? <em>skipped: {a.skipped}</em> : valuesText(a.values)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.errors.length ? (
        <ul className="rules-problems">
          {result.errors.map((e) => (
            <li key={e.record}>
              Record #{e.record} would fail: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
