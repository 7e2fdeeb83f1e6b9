import { Form } from "@remix-run/react";
import { CsrfField } from "../csrf-field";

export interface MailServerView {
  enabled: boolean;
  reason: string | null;
  /** SMTP_URL or MAIL_FROM is set in the environment: it decides, and the form is read only. */
  fromEnv: boolean;
  /** Without its password. */
  smtpUrl: string;
  from: string;
}

/** Where outgoing mail goes: the environment's values shown, or a form an admin fills in. */
export function MailServerForm({ server }: { server: MailServerView }) {
  return (
    <section className="mail-server" aria-labelledby="mail-server-title">
      <h2 id="mail-server-title">Mail server</h2>
      <p className={server.enabled ? "pill pill--ok" : "form-error"} role="status">
        {server.enabled ? "Sending is on." : server.reason}
      </p>
      {server.fromEnv ? (
        <p className="muted">
          Set by the server&apos;s environment (SMTP_URL <code>{server.smtpUrl || "—"}</code>, MAIL_FROM <code>{server.from || "—"}</code>),
          which wins over anything set here. Change it there.
        </p>
      ) : (
        <Form method="post" className="inline-form inline-form--wrap">
          <CsrfField />
          <label>
            SMTP URL
            <input name="smtpUrl" defaultValue={server.smtpUrl} placeholder="smtp://user:password@mail.example.com:587" size={44} />
          </label>
          <label>
            From
            <input name="from" type="email" defaultValue={server.from} placeholder="office@example.com" />
          </label>
          <button className="button button--primary" name="intent" value="server" type="submit">
            Save mail server
          </button>
        </Form>
      )}
    </section>
  );
}
