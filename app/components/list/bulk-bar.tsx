import { useTranslation } from "react-i18next";
import { say } from "@runtime/i18n/words";
import { useFetcher, useParams } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import { useEffect, useRef, useState } from "react";
import type { ListActionResult } from "@runtime/views/list-page-data";
import type { PrintJobQuery } from "@runtime/print/print-jobs";
import { BatchPrint, type BatchTemplate } from "./batch-print";

export interface BulkBarProps {
  selected: number[];
  label: string;
  pluralLabel: string;
  /** Titles of the selected rows on this page, for the failure list. */
  titleOf(id: number): string;
  onClear(): void;
  onDeleted(ids: number[]): void;
  /** The table, for printing; defaults to the route's `:table`. */
  tableKey?: string;
  /**
   * Offered when the whole page is selected and the list finds more: select every record it
   * finds, for printing (deleting stays per page, where each row can be seen).
   */
  matching?: { count: number; countLabel: string; query: PrintJobQuery; selected: boolean; onSelect(): void };
  /** The table's print templates, loaded by the list (`null` while loading); absent, printing asks for them itself. */
  printTemplates?: BatchTemplate[] | null;
  /** The role may delete these records; without it there is no Delete (absent: offered). */
  mayDelete?: boolean;
}

/**
 * Actions on the selected rows. Delete asks first; records the service refuses (still used
 * elsewhere) stay selected and are listed with the reason, the rest are deleted.
 */
export function BulkBar(props: BulkBarProps) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ListActionResult>();
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const result = fetcher.data && fetcher.data.intent === "delete" ? fetcher.data : null;
  const { onDeleted } = props;
  const params = useParams();
  const tableKey = props.tableKey ?? params.table;

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (result && fetcher.state === "idle") onDeleted(result.deleted);
  }, [result, fetcher.state, onDeleted]);

  const n = props.selected.length;
  const noun = n === 1 ? props.label.toLowerCase() : props.pluralLabel.toLowerCase();
  const all = props.matching?.selected ? props.matching : null;
  return (
    <>
      {n > 0 || all ? (
        <div className="bulk-bar" role="region" aria-label={t("bulk.selectedRows")}>
          {/* The offer sits with the count, so it stays put while the actions on the right load. */}
          <span className="bulk-bar__selection">
            <span className="bulk-bar__count">
              {all
                ? t("bulk.allSelected", { count: all.count, n: all.countLabel, noun: props.pluralLabel.toLowerCase() })
                : t("bulk.selected", { count: n, noun })}
            </span>
            {props.matching && !all ? (
              <button type="button" className="button button--ghost button--small" onClick={props.matching.onSelect}>
                {t("bulk.selectAll", { n: props.matching.countLabel })}
              </button>
            ) : null}
          </span>
          {all || props.mayDelete === false ? null : (
            <button
              type="button"
              className="button button--danger button--small"
              onClick={() => setConfirming(true)}
              disabled={fetcher.state !== "idle"}
            >
              {t(fetcher.state !== "idle" ? "card.deleting" : "card.delete")}
            </button>
          )}
          {tableKey && props.printTemplates !== null ? (
            <BatchPrint
              tableKey={tableKey}
              pluralLabel={props.pluralLabel}
              ids={props.selected}
              everything={all ? { query: all.query, count: all.count } : undefined}
              templates={props.printTemplates}
            />
          ) : null}
          <button type="button" className="button button--ghost button--small" onClick={props.onClear}>
            {t("bulk.clear")}
          </button>
        </div>
      ) : null}
      {result ? (
        <div className={result.failed.length ? "notice notice--warning" : "notice notice--success"} role="status">
          {result.deleted.length > 0 ? (
            <p>
              {t("bulk.deleted", {
                count: result.deleted.length,
                noun: result.deleted.length === 1 ? props.label.toLowerCase() : props.pluralLabel.toLowerCase(),
              })}
            </p>
          ) : null}
          {result.failed.length > 0 ? (
            <>
              <p>{t("bulk.notDeleted", { count: result.failed.length })}</p>
              <ul>
                {result.failed.map((f) => (
                  <li key={f.id}>{f.words ? say(f.words, t) : f.message}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {confirming ? (
        <div className="dialog-backdrop">
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Escape closes the dialog wherever focus is inside it */}
          <div
            className="dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="bulk-delete-title"
            aria-describedby="bulk-delete-text"
            onKeyDown={(e) => e.key === "Escape" && setConfirming(false)}
          >
            <h2 id="bulk-delete-title">{t("bulk.confirmTitle", { count: n, noun })}</h2>
            <p id="bulk-delete-text">{t("bulk.confirmText")}</p>
            <fetcher.Form method="post" className="dialog__actions" onSubmit={() => setConfirming(false)}>
              <CsrfField />
              <input type="hidden" name="intent" value="delete" />
              {props.selected.map((id) => (
                <input key={id} type="hidden" name="ids" value={id} />
              ))}
              <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
                {t("timeline.cancel")}
              </button>
              <button ref={confirmButton} type="submit" className="button button--danger">
                {t("bulk.confirmButton", { count: n, noun })}
              </button>
            </fetcher.Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
