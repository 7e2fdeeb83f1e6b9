import { isPhrase, say, type Words } from "@runtime/i18n/words";

/** Addresses and messages of batch print jobs (see runtime/print/print-jobs.ts). */

export const jobStatusUrl = (jobId: string) => `/api/print/jobs/${encodeURIComponent(jobId)}`;
export const jobFileUrl = (jobId: string) => `${jobStatusUrl(jobId)}/file`;

/** Server messages start in lower case to read well after "Not printed:"; alone, they start with a capital. */
export function sentenceCase(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * The server's `{ error }` message (its phrase said with `t` when given), else the status line:
 * what a failed print says to the user.
 */
export async function responseError(response: Response, t?: Words): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: unknown; words?: unknown };
    if (t && isPhrase(body.words)) return say(body.words, t);
    if (typeof body.error === "string" && body.error) return body.error;
  } catch {
    // Not JSON: fall through to the text or the status.
  }
  const plain = text.trim();
  if (plain && plain.length < 300 && !plain.startsWith("<")) return plain;
  return `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`;
}
