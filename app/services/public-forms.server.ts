import { json, redirect, type TypedResponse } from "@remix-run/node";
import { takeWindowSlot } from "@runtime/auth/rate-limit.server";
import { ApiError } from "@runtime/errors";
import { inLanguage } from "@runtime/i18n/schema-translations";
import type { PublicForm, PublicFormsService } from "@runtime/forms/public-forms.server";
import { EMBED_PARAM, frameAncestors, HONEYPOT_FIELD, publishedSchema, utmFrom, type UtmValues } from "@runtime/forms/public-form";
import type { CardLayout } from "@runtime/layouts/types";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { parseField } from "../components/card/card-values";
import { readAtMost } from "../utils/api.server";
import { clientIp } from "./auth.server";
import { languageOf, translatorFor } from "./i18n.server";
import { getRuntime } from "./runtime.server";
import { formRefusal, formWords } from "@runtime/forms/form-words";
import { wordedApiError } from "@runtime/errors";
import { say, sayError } from "@runtime/i18n/words";

/** A visitor's post is a few fields of text; anything longer is refused before it is parsed. */
export const MAX_FORM_POST_BYTES = 64 * 1024;

/** Posts one address may send to public forms per minute; the next gets 429. */
export const FORM_POSTS_PER_MINUTE = 20;
const MINUTE_MS = 60_000;

export interface PublicFormPage {
  slug: string;
  title: string;
  thankYou: string;
  tableKey: string;
  /** The form's table and what its fields point at, for the widgets. */
  schema: WorkspaceSchema;
  layout: CardLayout;
  /** Kept in hidden inputs, so the post carries what the page's address said. */
  utm: UtmValues;
  sent: boolean;
  /** `?embed=1` (the iframe snippet's link): no page background around the form. */
  embedded: boolean;
  frameAncestors: string;
}

export interface PublicFormActionData {
  values: Record<string, unknown>;
  errors: Record<string, string>;
  formError: string;
  utm: UtmValues;
  frameAncestors: string;
}

export async function getPublicForms(): Promise<PublicFormsService> {
  return (await getRuntime()).publicForms;
}

async function publishedForm(slug: string | undefined): Promise<PublicForm> {
  const form = slug ? await (await getPublicForms()).published(slug) : null;
  if (!form) throw new Response("There is no form at this address, or it is no longer open.", { status: 404 });
  return form;
}

export async function publicFormPage(request: Request, slug: string | undefined): Promise<PublicFormPage> {
  const form = await publishedForm(slug);
  // The visitor's language (their browser's: nobody is signed in): labels, help and options as translated.
  const { schema } = inLanguage(await (await getRuntime()).workspace.current(), await languageOf(request));
  const url = new URL(request.url);
  return {
    slug: form.slug,
    title: form.title,
    thankYou: form.thankYou,
    tableKey: form.table,
    schema: publishedSchema(schema, form.table, form.fields),
    layout: form.layout,
    utm: utmFrom((name) => url.searchParams.get(name)),
    sent: url.searchParams.get("sent") === "1",
    embedded: url.searchParams.get(EMBED_PARAM) === "1",
    frameAncestors: frameAncestors(form.allowedOrigins),
  };
}

/**
 * A visitor's post (its origin already checked by public-form-gate.server.ts): within the
 * address's rate limit; a filled honeypot gets the same thank-you as a person and creates nothing.
 * Then the form's fields only, parsed as the card parses them, created as the system. Errors come
 * back by field with the values kept.
 */
export async function submitPublicForm(request: Request, slug: string | undefined): Promise<TypedResponse<PublicFormActionData>> {
  const form = await publishedForm(slug);
  const runtime = await getRuntime();
  const { t } = await translatorFor(request);
  const answer = (status: number, body: Partial<PublicFormActionData> & { formError: string }, headers?: Record<string, string>) =>
    json<PublicFormActionData>(
      { values: {}, errors: {}, utm: {}, ...body, frameAncestors: frameAncestors(form.allowedOrigins) },
      { status, headers },
    );

  // Where the post came from was checked before Remix ran (public-form-gate.server.ts).
  const slot = await takeWindowSlot(runtime.db, `form:${rateKey(clientIp(request))}`, FORM_POSTS_PER_MINUTE, MINUTE_MS);
  if (!slot.allowed)
    return answer(
      429,
      {
        formError: t("publicForms.visitor.tooMany", { seconds: slot.retryAfterSeconds }),
      },
      { "Retry-After": String(slot.retryAfterSeconds) },
    );

  let posted: URLSearchParams;
  try {
    posted = await readFormPost(request);
  } catch (error) {
    if (error instanceof ApiError) return answer(error.status, { formError: sayError(error, t) });
    throw error;
  }
  const utm = utmFrom((name) => {
    const value = posted.get(name);
    return typeof value === "string" ? value : null;
  });
  const thanks = redirect(`/f/${form.slug}?sent=1${posted.get(EMBED_PARAM) === "1" ? `&${EMBED_PARAM}=1` : ""}`, 303);
  if (String(posted.get(HONEYPOT_FIELD) ?? "") !== "") return thanks;

  const { compiled } = await runtime.workspace.current();
  const table = compiled.tablesByKey.get(form.table)!;
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const key of form.fields) {
    const parsed = parseField(table.fieldsByKey.get(key)!, posted.getAll(key).map(String));
    if (parsed.ok) values[key] = parsed.value;
    else {
      values[key] = posted.get(key);
      errors[key] = parsed.words ? say(parsed.words, t) : parsed.error;
    }
  }
  const retry = t("publicForms.visitor.correct");
  if (Object.keys(errors).length) return answer(422, { values, errors, utm, formError: retry });
  try {
    await runtime.publicForms.submit(form, values, utm);
  } catch (error) {
    // Two posts raced for a unique value: nothing was written, the visitor may simply send again.
    if (error instanceof ApiError && error.status === 409)
      return answer(422, { values, errors: {}, utm, formError: t("publicForms.visitor.notSaved") });
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    const fields = (error.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
    // Messages are written for staff and may name another record ("Lead #12 already has …"):
    // a stranger learns only that the value cannot be taken.
    const shown = Object.fromEntries(
      Object.entries(fields)
        .filter(([key]) => form.fields.includes(key))
        .map(([key, message]) => {
          const words = (error as ApiError).fieldWords?.[key];
          return [key, /#\d/.test(message) ? t("publicForms.visitor.notAccepted") : words ? say(words, t) : message];
        }),
    );
    // A problem with a field the visitor cannot see (a required field left off the form) is the admin's to fix.
    const formError = Object.keys(shown).length === Object.keys(fields).length ? retry : t("publicForms.visitor.incomplete");
    return answer(422, { values, errors: shown, utm, formError });
  }
  return thanks;
}

/**
 * Whom the rate limit counts: an IPv4 address, or an IPv6 address's /64 network, which one
 * subscriber usually holds whole and could otherwise rotate through.
 */
export function rateKey(ip: string | null | undefined): string {
  if (!ip) return "unknown";
  if (!ip.includes(":") || /^::ffff:\d/i.test(ip)) return ip;
  const [head, tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** A plain HTML form's post (no files: a visitor cannot upload), read up to MAX_FORM_POST_BYTES. */
async function readFormPost(request: Request): Promise<URLSearchParams> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded") throw formRefusal(415, "plainPost");
  if (Number(request.headers.get("content-length")) > MAX_FORM_POST_BYTES) throw formTooLong();
  let bytes: Uint8Array;
  try {
    bytes = await readAtMost(request, MAX_FORM_POST_BYTES);
  } catch (error) {
    if (error instanceof ApiError && error.status === 413) throw formTooLong();
    throw error;
  }
  return new URLSearchParams(new TextDecoder().decode(bytes));
}

const formTooLong = () => wordedApiError(413, formWords, { key: "publicForms.visitor.tooLong" });
