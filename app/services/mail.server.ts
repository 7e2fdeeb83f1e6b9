// Routes reach email through here, never runtime/mail directly (see runtime.server.ts).
import { inLanguage } from "@runtime/i18n/schema-translations";
import { mailServerSettings, saveMailSettings } from "@runtime/mail/mail-config.server";
import { mailingRate, saveMailingRate } from "@runtime/mail/send-rate.server";
import type { MailOffer, MailService } from "@runtime/mail/mail.server";
import type { MailTemplate } from "@runtime/mail/mail-templates.server";
import { mayDo, requireAdmin, type Actor } from "@runtime/records/permissions";
import type { CompiledTable } from "@runtime/schema/compile";
import { getRuntime } from "./runtime.server";
import { nameIn, type Translatable } from "@runtime/i18n/item-names";
import { otherLanguages } from "./item-names.server";

export type { MailOffer, MailTemplate };

export async function getMail(): Promise<MailService> {
  return (await getRuntime()).mail;
}

/** The card's *Send by email* for a stored record the actor reads; undefined when they may not read it. */
export async function mailOffer(actor: Actor, table: CompiledTable, id: number, language = "en"): Promise<MailOffer | undefined> {
  if (!mayDo(actor, "read", table)) return undefined;
  const mail = await getMail();
  const offer = await mail.offer(actor, table.key, id);
  if (!offer.templates.length && !offer.attachments.length) return offer;
  // The message and attachment pickers name templates in the reader's language; they are chosen by id.
  const runtime = await getRuntime();
  const named = new Map<string, Translatable>([
    ...(await mail.templates.list(table.key)).map((t) => [t.id, t] as const),
    ...(await runtime.templates.list(table.key)).map((t) => [t.id, t] as const),
  ]);
  const shown = <T extends { id: string; name: string }>(item: T): T => {
    const found = named.get(item.id);
    return found ? { ...item, name: nameIn(found, language) } : item;
  };
  return { ...offer, templates: offer.templates.map(shown), attachments: offer.attachments.map(shown) };
}

/** The admin screen: every table's message templates and where the mail server is set. */
export async function mailAdminData(actor: Actor, language = "en") {
  requireAdmin(actor, "editMessageTemplates");
  const runtime = await getRuntime();
  const { compiled } = inLanguage(await runtime.workspace.current(), language);
  const setup = await runtime.mail.setup();
  return {
    tables: compiled.tables.filter((t) => t.parent === null).map((t) => ({ key: t.key, label: t.label })),
    templates: (await runtime.mail.templates.list()).map((t) => ({ ...t, shownName: nameIn(t, language) })),
    languages: otherLanguages(),
    server: {
      enabled: setup.enabled,
      reason: setup.enabled ? null : setup.reason,
      reasonWords: setup.enabled ? null : setup.words,
      ...(await mailServerSettings(runtime.db)),
    },
    mailingRate: await mailingRate(runtime.db),
  };
}

export async function saveMailServer(actor: Actor, input: { smtpUrl: string; from: string }): Promise<void> {
  requireAdmin(actor, "setMailServer");
  await saveMailSettings((await getRuntime()).db, input);
}

/** Mailing messages per minute (docs/decisions/029-mailings.md). */
export async function saveMailingRateAs(actor: Actor, perMinute: unknown): Promise<void> {
  requireAdmin(actor, "setMailingRate");
  await saveMailingRate((await getRuntime()).db, perMinute);
}
