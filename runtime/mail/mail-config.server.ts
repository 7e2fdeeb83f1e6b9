import type { Knex } from "knex";
import { getSetting, putSetting } from "../auth/settings.server";
import { headerText, parseRecipients } from "./headers";
import { say, type Phrase } from "../i18n/words";
import { mailPhrase, mailRefusal, mailRefusalOf, mailWords } from "./mail-words";

/** Where outgoing mail goes and whom it is from; see docs/decisions/027-outgoing-email.md. */
export interface MailConfig {
  smtpUrl: string;
  from: string;
}

export type MailSetup =
  | { enabled: true; config: MailConfig; source: "environment" | "settings" }
  | { enabled: false; reason: string; words: Phrase; source: "environment" | "settings" | null };

export const SMTP_URL_SETTING = "mail.smtp_url";
export const MAIL_FROM_SETTING = "mail.from";

function check(smtpUrl: string, from: string): Phrase | null {
  if (!/^smtps?:\/\/[^\s]+$/i.test(smtpUrl)) return mailPhrase("badServer");
  const parsed = parseRecipients(from);
  if (!parsed.ok || parsed.addresses.length !== 1) return mailPhrase("badSender");
  return null;
}

/** Sending is off, and why, in English with its phrase beside it. */
function off(problem: Phrase | null, source: MailSetup["source"]): MailSetup {
  const words = problem ? mailPhrase("off", { problem }) : { key: "mailUi.offNoServer" };
  return { enabled: false, reason: say(words, mailWords), words, source };
}

/**
 * The environment wins over settings: whoever runs the server (and holds its secrets) has the last
 * word, as with DATABASE_URL; the admin screen then shows the server's values as read only.
 */
export async function mailSetup(db: Knex, env: Record<string, string | undefined> = process.env): Promise<MailSetup> {
  const envUrl = env.SMTP_URL?.trim();
  const envFrom = env.MAIL_FROM?.trim();
  const source = envUrl || envFrom ? "environment" : "settings";
  const smtpUrl = source === "environment" ? (envUrl ?? "") : ((await getSetting(db, SMTP_URL_SETTING)) ?? "");
  const from = source === "environment" ? (envFrom ?? "") : ((await getSetting(db, MAIL_FROM_SETTING)) ?? "");
  if (!smtpUrl && !from) return off(null, null);
  if (!smtpUrl || !from) return off(mailPhrase(smtpUrl ? "noSender" : "noServer"), source);
  const problem = check(smtpUrl, from);
  if (problem) return off(problem, source);
  return { enabled: true, config: { smtpUrl, from }, source };
}

/** An admin's settings; refused while the environment decides, so nobody edits values that do nothing. */
export async function saveMailSettings(
  db: Knex,
  input: { smtpUrl: string; from: string },
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  if (env.SMTP_URL?.trim() || env.MAIL_FROM?.trim()) throw mailRefusal(400, "envSet");
  const stored = (await getSetting(db, SMTP_URL_SETTING)) ?? "";
  // The form shows the URL without its password: saved back unchanged, it keeps the stored one.
  const smtpUrl = input.smtpUrl.trim() === redactedUrl(stored) ? stored : input.smtpUrl.trim();
  const from = headerText(input.from);
  if (smtpUrl || from) {
    const problem = check(smtpUrl, from);
    if (problem) throw mailRefusalOf(400, problem);
  }
  await putSetting(db, SMTP_URL_SETTING, smtpUrl);
  await putSetting(db, MAIL_FROM_SETTING, from);
}

/** The URL without its password, for screens. */
export function redactedUrl(url: string): string {
  return url.replace(/^(smtps?:\/\/[^:/@]*):[^@/]*@/i, "$1:•••@");
}

/** What the admin screen shows: where the values come from, the URL without its password. */
export async function mailServerSettings(db: Knex, env: Record<string, string | undefined> = process.env) {
  const fromEnv = Boolean(env.SMTP_URL?.trim() || env.MAIL_FROM?.trim());
  const smtpUrl = fromEnv ? (env.SMTP_URL ?? "") : ((await getSetting(db, SMTP_URL_SETTING)) ?? "");
  const from = fromEnv ? (env.MAIL_FROM ?? "") : ((await getSetting(db, MAIL_FROM_SETTING)) ?? "");
  return { fromEnv, smtpUrl: redactedUrl(smtpUrl.trim()), from: from.trim() };
}

/**
 * nodemailer's options for an smtp:// or smtps:// URL. Parsed here because nodemailer lets a URL's
 * own settings replace every option given beside it, the timeouts among them.
 */
export function transportOptions(smtpUrl: string, timeoutMs: number) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}
