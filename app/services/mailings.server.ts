// Routes reach mailings through here, never runtime/mail directly (see runtime.server.ts).
import type { MailingsService } from "@runtime/mail/mailings.server";
import { listSuppressions, unsuppress } from "@runtime/mail/suppressions.server";
import { inLanguage } from "@runtime/i18n/schema-translations";
import type { Actor } from "@runtime/records/permissions";
import { actorFor } from "./actor.server";
import { languageOf } from "./i18n.server";
import { getRuntime } from "./runtime.server";

export type { MailingDetail, MailingOptions, MailingPreview, MailingSummary, RecipientStatus } from "@runtime/mail/mailing-types";

export async function getMailings(): Promise<MailingsService> {
  return (await getRuntime()).mailings;
}

/** Where the sender reached the app: unsubscribe links point there unless TESSERA_PUBLIC_URL says otherwise. */
export function requestOrigin(request: Request): string {
  return new URL(request.url).origin;
}

/** Whether the navigation offers Mailings to the signed-in user of this request. */
export async function mayStartMailings(request: Request): Promise<boolean> {
  const runtime = await getRuntime();
  // The request's actor is looked up once per request (the shell and the page share it), and the
  // shell must render whatever happens here: a link not offered is the worst outcome.
  return actorFor(request)
    .then((actor) => runtime.mailings.mayStart(actor))
    .catch(() => false);
}

export async function suppressedAddresses(actor: Actor) {
  return listSuppressions(actor, (await getRuntime()).db);
}

export async function removeSuppressedAddress(actor: Actor, address: unknown) {
  await unsuppress(actor, (await getRuntime()).db, address);
}

/** Tables named in the request's language: a mailing keeps its table's key, the screens name it as the lists do. */
export async function tableLabelsFor(request: Request): Promise<(key: string, fallback: string) => string> {
  const { compiled } = inLanguage(await (await getRuntime()).workspace.current(), await languageOf(request));
  return (key, fallback) => compiled.tablesByKey.get(key)?.pluralLabel ?? fallback;
}
