import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ImportReview, ReviewItem } from "@runtime/config-bundle/describe-import";
import { CsrfField } from "../csrf-field";

interface Conversion {
  table: string;
  field: string;
  total: number;
}
interface Duplicate {
  table: string;
  fields: string[];
}

/** What the import action answered (see app/services/config-bundle.server.ts). */
export type ImportOutcomeView =
  | {
      ok: true;
      stage: "review";
      bundleText: string;
      fileName: string;
      baseVersion: number;
      review: ImportReview;
      conversions: Conversion[];
      duplicates: Duplicate[];
    }
  | { ok: true; stage: "applied"; message: string; version: number }
  | {
      ok: false;
      stage: "failed";
      error: string;
      problems: { path: string; message: string }[];
      bundleText: string | null;
      fileName: string;
    };

export function ImportOutcomePanel({ outcome, working }: { outcome: ImportOutcomeView; working: boolean }) {
  const { t } = useTranslation();
  if (outcome.stage === "applied")
    return (
      <p className="notice" role="status" data-testid="import-result">
        {outcome.message}
      </p>
    );
  if (outcome.stage === "failed")
    return (
      <div className="config-problems" role="alert" data-testid="import-problems">
        <p className="form-error">{outcome.error}</p>
        {outcome.problems.length ? (
          <ul>
            {outcome.problems.map((p, i) => (
              <li key={i}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        ) : null}
        {outcome.bundleText ? (
          <Form method="post" encType="multipart/form-data">
            <CsrfField />
            <input type="hidden" name="bundle" value={outcome.bundleText} />
            <input type="hidden" name="fileName" value={outcome.fileName} />
            <button className="button" type="submit" name="intent" value="review">
              {t("importScreen.outcome.reviewAgain", { file: outcome.fileName })}
            </button>
          </Form>
        ) : null}
      </div>
    );
  return <ReviewPanel outcome={outcome} working={working} />;
}

function ReviewPanel({ outcome, working }: { outcome: Extract<ImportOutcomeView, { stage: "review" }>; working: boolean }) {
  const { t } = useTranslation();
  const { review } = outcome;
  const blocked = outcome.conversions.length > 0 || outcome.duplicates.length > 0;
  return (
    <section className="config-review" aria-labelledby="review-title" data-testid="import-review">
      <h3 id="review-title">{t("importScreen.outcome.reviewOf", { file: outcome.fileName })}</h3>
      <p className={review.noChanges ? "notice" : "config-review__summary"} role="status">
        {review.summary}
      </p>
      {review.schema.changed ? (
        <>
          <h4>{t("importScreen.outcome.schema")}</h4>
          {review.schema.steps.length ? (
            <ol className="config-steps">
              {review.schema.steps.map((s, i) => (
                <li key={i} className={s.destructive ? "is-destructive" : undefined}>
                  {s.destructive ? <span className="pill pill--danger">{t("importScreen.outcome.removesData")}</span> : null}{" "}
                  {s.description}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{review.schema.summary}</p>
          )}
        </>
      ) : null}
      {outcome.conversions.map((c) => (
        <p key={`${c.table}.${c.field}`} className="form-error">
          {t("importScreen.outcome.conversion", { count: c.total, field: `${c.table}.${c.field}` })}
        </p>
      ))}
      {outcome.duplicates.map((d) => (
        <p key={`${d.table}.${d.fields.join("+")}`} className="form-error">
          {t("importScreen.outcome.duplicates", { field: `${d.table}.${d.fields.join("+")}` })}
        </p>
      ))}
      <ItemList title={t("importScreen.review.kind.layouts")} items={review.layouts} />
      <ItemList title={t("importScreen.outcome.views")} items={review.views} />
      <ItemList title={t("importScreen.review.kind.templates")} items={review.templates} />
      <ItemList title={t("importScreen.review.kind.rules")} items={review.rules} />
      <ItemList title={t("importScreen.review.kind.home")} items={review.home} />
      <ItemList title={t("importScreen.review.kind.wordTemplates")} items={review.wordTemplates} />
      {review.noChanges ? null : (
        <Form method="post" encType="multipart/form-data" className="config-apply">
          <CsrfField />
          <input type="hidden" name="bundle" value={outcome.bundleText} />
          <input type="hidden" name="fileName" value={outcome.fileName} />
          <input type="hidden" name="baseVersion" value={outcome.baseVersion} />
          {review.needsConfirmation ? (
            <label className="config-confirm">
              <input type="checkbox" name="confirmDestructive" required />
              {t("importScreen.outcome.understand", { count: review.schema.destructiveSteps })}
            </label>
          ) : null}
          <button className="button" type="submit" name="intent" value="apply" disabled={working || blocked}>
            {working ? t("importScreen.outcome.applying") : t("importScreen.outcome.apply")}
          </button>
        </Form>
      )}
    </section>
  );
}

function ItemList({ title, items }: { title: string; items: ReviewItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="config-items">
        {items.map((item) => (
          <li key={item.key}>
            <span className={`pill config-action config-action--${item.action}`}>{t(`importScreen.outcome.action.${item.action}`)}</span>{" "}
            {item.name}
          </li>
        ))}
      </ul>
    </>
  );
}
