import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { answeredError, say } from "@runtime/i18n/words";
import type { MailOffer } from "@runtime/mail/types";

export interface SendMailProps {
  offer: MailOffer;
  table: string;
  recordId: number;
  /** After a message was queued: the card reloads its timeline. */
  onSent?(): void;
}

/**
 * The card's *Send by email*: a dialog with the recipient, the message template (its subject and
 * body filled in for this record, editable) and the PDF to attach, posted to
 * `POST /api/t/<table>/<id>/email`. Without a mail server the action is shown disabled, with why.
 */
export function SendMail({ offer, table, recordId, onSent }: SendMailProps) {
  const id = useId();
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const first = offer.templates[0];
  const [template, setTemplate] = useState(first?.id ?? "");
  const [to, setTo] = useState(offer.to);
  const [subject, setSubject] = useState(first?.subject ?? "");
  const [body, setBody] = useState(first?.body ?? "");
  const [attach, setAttach] = useState(offer.attachments[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!offer.enabled)
    return (
      <span className="send-mail-action">
        <button type="button" className="button button--secondary" disabled aria-describedby={`${id}-off`}>
          {t("mailUi.send")}
        </button>
        <span id={`${id}-off`} className="send-mail-action__reason">
          {offer.reasonWords ? say(offer.reasonWords, t) : offer.reason}
        </span>
      </span>
    );

  const pick = (templateId: string) => {
    setTemplate(templateId);
    const chosen = offer.templates.find((t) => t.id === templateId);
    if (chosen) {
      setSubject(chosen.subject);
      setBody(chosen.body);
    }
  };

  async function send(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const response = await fetch(`/api/t/${encodeURIComponent(table)}/${recordId}/email`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ to, subject, body, template: template || null, attach: attach || null }),
      });
      const answer: unknown = await response.json().catch(() => ({}));
      if (response.status !== 202) throw new Error(answeredError(answer, t, t("mailUi.failed", { status: response.status })));
      dialog.current?.close();
      setNotice(t("mailUi.queued", { to }));
      onSent?.();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="send-mail-action">
      <button type="button" className="button button--secondary" onClick={() => dialog.current?.showModal()}>
        {t("mailUi.send")}
      </button>
      {notice ? (
        <span className="send-mail-action__reason" role="status">
          {notice}
        </span>
      ) : null}
      <dialog ref={dialog} className="send-mail" aria-labelledby={`${id}-title`}>
        <form onSubmit={(e) => void send(e)} method="dialog">
          <h2 id={`${id}-title`}>{t("mailUi.send")}</h2>
          <label>
            {t("mailUi.to")}
            <input name="to" value={to} onChange={(e) => setTo(e.target.value)} required placeholder="name@example.com" />
          </label>
          {offer.templates.length > 1 ? (
            <label>
              {t("mailUi.template")}
              <select name="template" value={template} onChange={(e) => pick(e.target.value)}>
                {offer.templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            {t("mailUi.subject")}
            <input name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} required />
          </label>
          <label>
            {t("mailUi.message")}
            <textarea name="body" value={body} onChange={(e) => setBody(e.target.value)} rows={9} />
          </label>
          <label>
            {t("mailUi.attach")}
            <select name="attach" value={attach} onChange={(e) => setAttach(e.target.value)}>
              {offer.attachments.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} (PDF)
                </option>
              ))}
              <option value="">{t("mailUi.noAttachment")}</option>
            </select>
          </label>
          {offer.templates.find((t) => t.id === template)?.problem ? (
            <p className="form-error">{offer.templates.find((t) => t.id === template)?.problem}</p>
          ) : null}
          {problem ? (
            <p className="form-error" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="send-mail__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t(busy ? "mailUi.sending" : "mailUi.sendButton")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => dialog.current?.close()}>
              {t("timeline.cancel")}
            </button>
          </div>
        </form>
      </dialog>
    </span>
  );
}
