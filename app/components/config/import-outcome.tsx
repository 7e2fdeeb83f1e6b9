import { Form } from "@remix-run/react";
import type { ImportReview, ReviewAction, ReviewItem } from "@runtime/config-bundle/describe-import";
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

const ACTION_LABEL: Record<ReviewAction, string> = { add: "added", replace: "replaced", unchanged: "unchanged" };

export function ImportOutcomePanel({ outcome, working }: { outcome: ImportOutcomeView; working: boolean }) {
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
              Review {outcome.fileName} again
            </button>
          </Form>
        ) : null}
      </div>
    );
  return <ReviewPanel outcome={outcome} working={working} />;
}

function ReviewPanel({ outcome, working }: { outcome: Extract<ImportOutcomeView, { stage: "review" }>; working: boolean }) {
  const { review } = outcome;
  const blocked = outcome.conversions.length > 0 || outcome.duplicates.length > 0;
  return (
    <section className="config-review" aria-labelledby="review-title" data-testid="import-review">
      <h3 id="review-title">Review of {outcome.fileName}</h3>
      <p className={review.noChanges ? "notice" : "config-review__summary"} role="status">
        {review.summary}
      </p>
      {review.schema.changed ? (
        <>
          <h4>Schema</h4>
          {review.schema.steps.length ? (
            <ol className="config-steps">
              {review.schema.steps.map((s, i) => (
                <li key={i} className={s.destructive ? "is-destructive" : undefined}>
                  {s.destructive ? <span className="pill pill--danger">removes data</span> : null} {s.description}
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
          {c.total} value(s) of {c.table}.{c.field} cannot be converted to the new kind: fix or clear them here first, then review again.
        </p>
      ))}
      {outcome.duplicates.map((d) => (
        <p key={`${d.table}.${d.fields.join("+")}`} className="form-error">
          {d.table}.{d.fields.join("+")} holds duplicates, so it cannot become unique: change them here first, then review again.
        </p>
      ))}
      <ItemList title="Card layouts" items={review.layouts} />
      <ItemList title="List views and list settings" items={review.views} />
      <ItemList title="Print templates" items={review.templates} />
      <ItemList title="Rules" items={review.rules} />
      <ItemList title="Home page" items={review.home} />
      <ItemList title="Word templates" items={review.wordTemplates} />
      {review.noChanges ? null : (
        <Form method="post" encType="multipart/form-data" className="config-apply">
          <CsrfField />
          <input type="hidden" name="bundle" value={outcome.bundleText} />
          <input type="hidden" name="fileName" value={outcome.fileName} />
          <input type="hidden" name="baseVersion" value={outcome.baseVersion} />
          {review.needsConfirmation ? (
            <label className="config-confirm">
              <input type="checkbox" name="confirmDestructive" required />I understand that{" "}
              {review.schema.destructiveSteps === 1 ? "one step removes" : `${review.schema.destructiveSteps} steps remove`} or converts
              data (it goes to the trash and can be restored there).
            </label>
          ) : null}
          <button className="button" type="submit" name="intent" value="apply" disabled={working || blocked}>
            {working ? "Applying…" : "Apply import"}
          </button>
        </Form>
      )}
    </section>
  );
}

function ItemList({ title, items }: { title: string; items: ReviewItem[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="config-items">
        {items.map((item) => (
          <li key={item.key}>
            <span className={`pill config-action config-action--${item.action}`}>{ACTION_LABEL[item.action]}</span> {item.name}
          </li>
        ))}
      </ul>
    </>
  );
}
