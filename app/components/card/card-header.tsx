import { useTranslation } from "react-i18next";
import type { FormEvent } from "react";
import { CSRF_FIELD } from "../../services/auth-rules";
import type { MailOffer } from "@runtime/mail/types";
import { SendMail } from "../mail/send-mail";
import { PrintMenu } from "../print-menu";
import type { PrintMenuItem } from "../print-menu-items";
import { FORM_KEYS } from "./card-values";

export interface CardHeaderProps {
  title: string;
  tableLabel: string;
  /** Absent for a one-record table (the company card), whose list is this card. */
  listHref?: string;
  formId: string;
  isNew: boolean;
  version?: number;
  overdue: boolean;
  dirty: boolean;
  saving: boolean;
  deleting: boolean;
  /** With JavaScript the delete is sent by the screen; without it the form posts itself. */
  onDelete?(form: FormData): void;
  csrfToken?: string;
  /** The role may save this card (create a new one, change a stored one); without it there is no Save. */
  canSave: boolean;
  /** The role may delete records of this table; without it there is no Delete. */
  canDelete: boolean;
  /** The Print menu's entries; absent when the actor may not print this table (or the card is new). */
  prints?: PrintMenuItem[];
  /** *Send by email*, for a stored record; `mailTarget` names it. */
  mail?: MailOffer;
  mailTarget?: { table: string; recordId: number };
  onMailSent?(): void;
  /** *Log call*, on a card of a record that can be called (it has a phone field). */
  onLogCall?(): void;
}

/** Title, state badges and the card's actions; Save submits the card form from outside it. */
export function CardHeader(props: CardHeaderProps) {
  const { t } = useTranslation();
  const confirmDelete = (event: FormEvent) => {
    if (!window.confirm(t("card.confirmDelete", { title: props.title }))) return event.preventDefault();
    if (!props.onDelete) return;
    event.preventDefault();
    props.onDelete(new FormData(event.currentTarget as HTMLFormElement));
  };
  return (
    <header className="card-header">
      <div className="card-header__titles">
        {props.listHref ? (
          <a className="card-header__back" href={props.listHref}>
            {t("card.backToList")}
          </a>
        ) : null}
        <h1 className="card-header__title">
          {props.title}
          {props.overdue ? <span className="badge badge--danger">{t("card.overdue")}</span> : null}
          {props.dirty ? <span className="badge badge--muted">{t("card.unsaved")}</span> : null}
          {props.canSave ? null : <span className="badge badge--muted">{t("card.readOnly")}</span>}
        </h1>
        <p className="card-header__meta">
          {props.tableLabel}
          {props.version !== undefined ? ` · ${t("card.version", { version: props.version })}` : ` · ${t("card.new")}`}
        </p>
      </div>
      <div className="card-header__actions">
        {!props.isNew && props.prints ? <PrintMenu items={props.prints} noun={props.tableLabel.toLowerCase()} /> : null}
        {!props.isNew && props.mail && props.mailTarget ? (
          <SendMail offer={props.mail} table={props.mailTarget.table} recordId={props.mailTarget.recordId} onSent={props.onMailSent} />
        ) : null}
        {!props.isNew && props.onLogCall ? (
          <button type="button" className="button button--secondary card-header__log-call" onClick={props.onLogCall}>
            {t("card.logCall")}
          </button>
        ) : null}
        {!props.isNew && props.canDelete ? (
          <form method="post" onSubmit={confirmDelete}>
            <input type="hidden" name={FORM_KEYS.intent} value="delete" />
            {props.csrfToken ? <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} /> : null}
            <button type="submit" className="button button--secondary button--danger-text" disabled={props.deleting}>
              {t(props.deleting ? "card.deleting" : "card.delete")}
            </button>
          </form>
        ) : null}
        {props.canSave ? (
          <button
            type="submit"
            form={props.formId}
            name={FORM_KEYS.intent}
            value="save"
            className="button"
            disabled={props.saving}
            title={t("card.saveTitle")}
          >
            {t(props.saving ? "card.saving" : "card.save")}
            <kbd className="card-header__kbd">Ctrl S</kbd>
          </button>
        ) : null}
      </div>
    </header>
  );
}
