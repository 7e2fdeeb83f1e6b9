import type { Knex } from "knex";
import { describe, expect, it } from "vitest";
import { automationRefusal } from "@runtime/automation/automation-words";
import { errorPhrase } from "@runtime/automation/run.server";
import { ApiError } from "@runtime/errors";
import { tooLargeError } from "@runtime/files/files.server";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { createTranslator } from "@runtime/i18n/translator";
import { say, sayError, type Words } from "@runtime/i18n/words";
import { parseRecipients } from "@runtime/mail/headers";
import { mailSetup } from "@runtime/mail/mail-config.server";
import { checkDocxTemplate } from "@runtime/print/docx.server";
import { cleanTemplateHtml } from "@runtime/print/sanitize";
import { thrownApiError } from "@tests/helpers/thrown-api-error";
import { parseCallLog } from "../services/call-log";
import { definitionOf } from "../services/rules.server";

/**
 * The print, mail, automation and card services refuse in English (the API, the CLI and the logs
 * read `message`) and carry the catalog phrase beside it; each area's refusal is said here with
 * the real Swedish catalog, its English unchanged.
 */
const sv: Words = createTranslator(languagePack("sv")).t;
const hy: Words = createTranslator(languagePack("hy")).t;

describe("refusals of the print, mail, automation and card services", () => {
  it("print: an empty Word template, and Liquid standing inside a tag", () => {
    const empty = thrownApiError(() => checkDocxTemplate(new Uint8Array()));
    expect(empty.status).toBe(422);
    expect(empty.message).toBe("the file is empty");
    expect(sayError(empty, sv)).toBe("filen är tom");
    const misplaced = thrownApiError(() => cleanTemplateHtml('<p {% if x %}class="a"{% endif %}>x</p>', "html"));
    expect(misplaced.phrase?.key).toBe("refusals.print.misplacedLiquid");
    expect(misplaced.message).toMatch(/^the template's html has Liquid inside a tag/);
    expect(sayError(misplaced, sv)).toMatch(/^mallens html har Liquid inuti en tagg/);
  });

  it("mail: refused recipients and why sending is off, with the phrase beside the English", async () => {
    const recipients = parseRecipients("anna@example.com, not an address");
    expect(recipients.ok).toBe(false);
    if (recipients.ok) return;
    expect(recipients.reason).toBe('"not an address" is not an email address');
    expect(say(recipients.words, sv)).toBe('"not an address" är ingen e-postadress');
    const setup = await mailSetup({} as Knex, { SMTP_URL: "smtp://mail.example.com" });
    expect(setup.enabled).toBe(false);
    if (setup.enabled) return;
    expect(setup.reason).toBe("Sending email is off: MAIL_FROM (the sender) is not set.");
    expect(say(setup.words, sv)).toBe("E-postutskick är avstängt: MAIL_FROM (avsändaren) är inte angiven.");
  });

  it("automation: a rule that is not an object, and a failed run that keeps its phrase for the run log", () => {
    const error = thrownApiError(() => definitionOf([]));
    expect(error.message).toBe("the body must be a JSON object (a rule)");
    expect(sayError(error, sv)).toBe("innehållet måste vara ett JSON-objekt (en regel)");
    const failed = automationRefusal(422, "noRoute", { where: "action 1 (assign owner)" });
    expect(failed.message).toBe("action 1 (assign owner): no route matched and there is no pool to choose from");
    const kept = errorPhrase(failed)!;
    expect(say(JSON.parse(JSON.stringify(kept)), sv)).toBe(
      "action 1 (assign owner): ingen väg matchade och det finns ingen pool att välja från",
    );
    // A refused save names its fields in English: the run log shows it as it was.
    expect(errorPhrase(Object.assign(new ApiError(422, "not valid", { fields: { email: "bad" } }), { phrase: { key: "x" } }))).toBeNull();
    expect(errorPhrase(new Error("database gone"))).toBeNull();
  });

  it("the card and files: a call's duration, and a file over the limit", () => {
    const call = thrownApiError(() => parseCallLog({ durationMinutes: "-3" }, new Date()));
    expect(call.message).toBe("durationMinutes must be a whole number of minutes from 0 to 600");
    expect(sayError(call, sv)).toBe("durationMinutes måste vara ett heltal minuter från 0 till 600");
    const large = tooLargeError(2 * 1024 * 1024);
    expect(large.status).toBe(413);
    expect(large.message).toMatch(/^the file is larger than the limit of /);
    expect(sayError(large, sv)).toMatch(/^filen är större än gränsen på /);
    expect(sayError(large, hy)).toMatch(/սահմանաչափը$/);
  });
});
