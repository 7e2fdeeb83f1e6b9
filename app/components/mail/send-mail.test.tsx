// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { SendMail } from "./send-mail";
import sv from "../../../locales/sv.json";
import i18next from "i18next";
import { I18nextProvider } from "react-i18next";

afterEach(cleanup);

describe("Send by email on a card", () => {
  it("is shown disabled, with the reason, when no mail server is set", () => {
    render(
      <SendMail
        offer={{ enabled: false, reason: "Sending email is off: no mail server is set.", to: "", templates: [], attachments: [] }}
        table="invoices"
        recordId={7}
      />,
    );
    const button = screen.getByRole("button", { name: "Send by email" });
    expect(button).toHaveProperty("disabled", true);
    expect(button.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(button.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Sending email is off: no mail server is set.",
    );
  });

  it("says why sending is off in the reader's language", () => {
    const swedish = i18next.createInstance();
    void swedish.init({ lng: "sv", resources: { sv: { translation: sv } }, initAsync: false, interpolation: { escapeValue: false } });
    const offer = {
      enabled: false,
      reason: "Sending email is off: MAIL_FROM (the sender) is not set.",
      reasonWords: { key: "refusals.mail.off", values: { problem: { key: "refusals.mail.noSender" } } },
      to: "",
      templates: [],
      attachments: [],
    };
    render(
      <I18nextProvider i18n={swedish}>
        <SendMail offer={offer} table="invoices" recordId={7} />
      </I18nextProvider>,
    );
    expect(screen.getByText("E-postutskick är avstängt: MAIL_FROM (avsändaren) är inte angiven.")).toBeTruthy();
  });

  it("fills the dialog from the first template and offers the PDF to attach", () => {
    render(
      <SendMail
        offer={{
          enabled: true,
          to: "ap@acme.test",
          templates: [{ id: "mt_1", name: "Invoice", subject: "Invoice INV-7", body: "Dear Acme" }],
          attachments: [{ id: "invoice", name: "Invoice" }],
        }}
        table="invoices"
        recordId={7}
      />,
    );
    expect(screen.getByRole("button", { name: "Send by email" })).toHaveProperty("disabled", false);
    expect((screen.getByLabelText("To", { selector: "input" }) as HTMLInputElement).value).toBe("ap@acme.test");
    expect((screen.getByLabelText("Subject", { selector: "input" }) as HTMLInputElement).value).toBe("Invoice INV-7");
    expect((screen.getByLabelText("Attach") as HTMLSelectElement).value).toBe("invoice");
  });
});
