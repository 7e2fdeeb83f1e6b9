import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useWords } from "../../i18n/use-words";
import type { SchemaProblem, WorkspaceSchema } from "@runtime/schema/types";
import { describeDraft } from "@schema-designer/draft";
import { locateProblem } from "@schema-designer/review";
import { IndexAdviceList, type AdviceItem } from "./index-advice";
import { ReviewPanel } from "./review-panel";
import { groupedTables, TableList } from "./table-list";
import { TablePanel, type ImpactSources } from "./table-panel";
import { useSchemaDraft, type SchemaBase } from "./use-schema-draft";

export interface SchemaDesignerProps {
  version: number;
  schema: WorkspaceSchema;
  sources: ImpactSources;
  advice: AdviceItem[];
  /** Reloads the page's data after an apply, so everything else on the page sees the new version. */
  onApplied: () => void;
}

export function SchemaDesigner({ version, schema, sources, advice, onApplied }: SchemaDesignerProps) {
  const { t } = useTranslation();
  const words = useWords();
  const loaded = useMemo<SchemaBase>(() => ({ version, schema }), [version, schema]);
  const draft = useSchemaDraft(loaded, words);
  const [selected, setSelected] = useState<string | null>(() => groupedTables(schema)[0]?.tables[0] ?? null);
  const [reviewing, setReviewing] = useState(false);
  const [problems, setProblems] = useState<SchemaProblem[]>([]);
  const [showEdits, setShowEdits] = useState(false);

  const located = useMemo(() => problems.map((p) => locateProblem(draft.schema, p, words)), [problems, draft.schema, words]);
  const problemTables = useMemo(() => new Set(located.flatMap((p) => (p.table ? [p.table] : []))), [located]);
  const table = selected && Object.hasOwn(draft.schema.$defs, selected) ? selected : (groupedTables(draft.schema)[0]?.tables[0] ?? null);
  const count = draft.ops.length;

  const applied = useCallback(
    (newVersion: number) => {
      // The applied draft is the new base at once; the reload brings the server's copy of it.
      draft.rebase(
        {
          version: newVersion,
          schema: { ...draft.schema, "x-version": newVersion },
        },
        [],
      );
      setProblems([]);
      onApplied();
    },
    [draft, onApplied],
  );

  return (
    <div className="sd">
      <div className="sd-bar" role="region" aria-label={t("schemaDesigner.bar.draft")}>
        <p className="sd-bar__state" aria-live="polite">
          {count === 0 ? (
            <>{t("schemaDesigner.bar.noEdits", { version: draft.base.version })}</>
          ) : (
            <>
              <strong>{t("schemaDesigner.bar.edits", { count })}</strong> {t("schemaDesigner.bar.notApplied")}{" "}
              <button type="button" className="sd-link-button" aria-expanded={showEdits} onClick={() => setShowEdits((v) => !v)}>
                {showEdits ? t("schemaDesigner.bar.hideEdits") : t("schemaDesigner.bar.showEdits")}
              </button>
            </>
          )}
        </p>
        <div className="sd-bar__actions">
          <button
            type="button"
            className="button"
            disabled={count === 0 && !reviewing}
            onClick={() => setReviewing(true)}
            data-testid="open-review"
          >
            {count ? t("schemaDesigner.bar.reviewCount", { n: count }) : t("schemaDesigner.bar.review")}
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={count === 0}
            onClick={() => {
              draft.discard();
              setProblems([]);
            }}
          >
            {t("schemaDesigner.bar.discard")}
          </button>
        </div>
        {showEdits && count > 0 ? (
          <ol className="sd-bar__edits">
            {describeDraft(draft.base.schema, draft.ops, words).map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ol>
        ) : null}
        {draft.storedBaseVersion !== null && count > 0 ? (
          <p className="sd-notice sd-notice--warn" role="alert">
            {t("schemaDesigner.bar.staleDraft", { old: draft.storedBaseVersion, current: draft.base.version })}
          </p>
        ) : null}
      </div>

      {located.some((p) => !p.table) ? (
        <div className="sd-notice sd-notice--error" role="alert">
          <ul>
            {located
              .filter((p) => !p.table)
              .map((p) => (
                <li key={p.text}>{p.text}</li>
              ))}
          </ul>
        </div>
      ) : null}

      {reviewing ? (
        <ReviewPanel
          draft={draft}
          sources={sources}
          advice={advice}
          onClose={() => setReviewing(false)}
          onApplied={applied}
          onProblems={setProblems}
        />
      ) : (
        <div className="sd-layout">
          <TableList schema={draft.schema} selected={table} onSelect={setSelected} edit={draft.edit} problemTables={problemTables} />
          <div className="sd-main">
            {table ? (
              <TablePanel
                key={table}
                baseSchema={draft.base.schema}
                schema={draft.schema}
                baseVersion={draft.baseVersion}
                table={table}
                edit={draft.edit}
                sources={sources}
                problems={located}
                onTableRemoved={() => setSelected(null)}
              />
            ) : (
              <p className="muted">{t("schemaDesigner.noTables")}</p>
            )}
            <IndexAdviceList advice={advice} draft={draft} />
          </div>
        </div>
      )}
    </div>
  );
}
