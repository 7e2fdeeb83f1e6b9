import { useState } from "react";
import { useTranslation } from "react-i18next";
import { quoted } from "@schema-designer/words";
import { say, type Phrase } from "@runtime/i18n/words";
import { useWords } from "../../i18n/use-words";
import type { DraftOp } from "@schema-designer/draft";
import { tableLabel } from "./table-list";
import type { SchemaDraftState } from "./use-schema-draft";

/** One saved view's or report's advice, as GET /api/index-advice answers it. */
export interface AdviceItem {
  viewId: number;
  reportId?: number;
  view: string;
  table: string;
  columns: string[];
  served: boolean;
  entry: { fields: string[] };
  reason: string;
  why: Phrase;
  /** A saved report's name, when a report (not a view) needs it. */
  report?: string;
}

interface Proposal {
  table: string;
  fields: string[];
  views: { view: string; report?: string }[];
  why: Phrase;
}

/** Several views may need the same index: one proposal each, naming every view it speeds up. */
function proposals(advice: AdviceItem[]): Proposal[] {
  const byKey = new Map<string, Proposal>();
  for (const a of advice) {
    if (a.served) continue;
    const key = `${a.table}\u0000${a.entry.fields.join(",")}`;
    const p = byKey.get(key) ?? {
      table: a.table,
      fields: a.entry.fields,
      views: [],
      why: a.why,
    };
    p.views.push({ view: a.view, report: a.report });
    byKey.set(key, p);
  }
  return [...byKey.values()];
}

const isIndexOp = (p: Proposal) => (op: DraftOp) =>
  op.op === "addIndex" && op.table === p.table && op.fields.join(",") === p.fields.join(",");

/**
 * Composite indexes advised for slow saved views. Ticking one adds it to the draft, so it is
 * reviewed and applied with the other edits.
 */
export function IndexAdviceList({ advice, draft, compact = false }: { advice: AdviceItem[]; draft: SchemaDraftState; compact?: boolean }) {
  const { t } = useTranslation();
  const words = useWords();
  const [error, setError] = useState<string | null>(null);
  const list = proposals(advice);
  const served = advice.filter((a) => a.served).length;
  const fieldLabel = (table: string, key: string) => draft.schema.$defs[table]?.properties[key]?.title ?? key;
  return (
    <section
      className={compact ? "sd-advice sd-advice--compact" : "sd-advice"}
      aria-labelledby={compact ? "sd-advice-title-review" : "sd-advice-title"}
    >
      <h3 id={compact ? "sd-advice-title-review" : "sd-advice-title"}>{t("schemaDesigner.advice.title")}</h3>
      {list.length === 0 ? (
        <p className="muted">
          {served > 0 ? t("schemaDesigner.advice.served", { count: served }) : t("schemaDesigner.advice.nothingToSpeedUp")}
        </p>
      ) : (
        <ul>
          {list.map((p) => {
            const inDraft = draft.ops.some(isIndexOp(p));
            const id = `sd-advice-${compact ? "r" : "p"}-${p.table}-${p.fields.join("-")}`;
            return (
              <li key={id}>
                <label htmlFor={id} className="sd-check">
                  <input
                    id={id}
                    type="checkbox"
                    checked={inDraft}
                    onChange={(e) => {
                      if (e.target.checked)
                        setError(
                          draft.edit({
                            op: "addIndex",
                            table: p.table,
                            fields: p.fields,
                          }),
                        );
                      else draft.removeOps(isIndexOp(p));
                    }}
                  />
                  {t("schemaDesigner.advice.create", {
                    table: tableLabel(p.table, draft.schema.$defs[p.table]),
                    fields: p.fields.map((f) => fieldLabel(p.table, f)).join(" → "),
                  })}
                </label>
                <p className="sd-hint">
                  {t("schemaDesigner.advice.slow", {
                    views: p.views
                      .map((v) =>
                        v.report === undefined
                          ? quoted(v.view, words)
                          : quoted(t("schemaDesigner.advice.reportName", { name: quoted(v.report, words) }), words),
                      )
                      .join(", "),
                    reason: say(p.why, words),
                  })}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {error ? (
        <p className="sd-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
