import { Form } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { say, type Phrase } from "@runtime/i18n/words";
import { CsrfField } from "../csrf-field";

export interface MailServerView {
  enabled: boolean;
  reason: string | null;
  /** `reason` as a catalog phrase, said in the reader's language. */
  reasonWords?: Phrase | null;
  /** SMTP_URL or MAIL_FROM is set in the environment: it decides, and the form is read only. */
  fromEnv: boolean;
  /** Without its password. */
  smtpUrl: string;
  from: string;
}

/** Where outgoing mail goes: the environment's values shown, or a form an admin fills in. */
export function MailServerForm({ server }: { server: MailServerView }) {
  const { t } = useTranslation();
  return (
    <section className="mail-server" aria-labelledby="mail-server-title">
      <h2 id="mail-server-title">{t("mailings.server.title")}</h2>
      <p className={server.enabled ? "pill pill--ok" : "form-error"} role="status">
        {server.enabled ? t("mailings.server.on") : server.reasonWords ? say(server.reasonWords, t) : server.reason}
      </p>
      {server.fromEnv ? (
        <p className="muted">
          <Trans
            i18nKey="mailings.server.fromEnv"
            values={{ smtpUrl: server.smtpUrl || "—", from: server.from || "—" }}
            components={{ code: <code /> }}
          />
        </p>
      ) : (
        <Form method="post" className="inline-form inline-form--wrap">
          <CsrfField />
          <label>
            {t("mailings.server.smtpUrl")}
            <input name="smtpUrl" defaultValue={server.smtpUrl} placeholder="smtp://user:password@mail.example.com:587" size={44} />
          </label>
          <label>
            {t("mailings.server.from")}
            <input name="from" type="email" defaultValue={server.from} placeholder="office@example.com" />
          </label>
          <button className="button button--primary" name="intent" value="server" type="submit">
            {t("mailings.server.save")}
          </button>
        </Form>
      )}
    </section>
  );
}
