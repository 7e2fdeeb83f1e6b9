import { json, redirect } from "@remix-run/node";
import { ApiError } from "@runtime/errors";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { EMBED_PARAM, publishableField, requiredFieldsMissing } from "@runtime/forms/public-form";
import type { PublicForm } from "@runtime/forms/public-forms.server";
import { layoutControls, resolveLayout } from "@runtime/layouts/resolve-layout";
import type { Actor } from "@runtime/records/permissions";
import type { CompiledSchema } from "@runtime/schema/compile";
import { languageOf, errorIn, translatorFor } from "./i18n.server";
import { say } from "@runtime/i18n/words";
import { adminActorFor } from "./people.server";
import { getRuntime } from "./runtime.server";

export interface FieldChoice {
  key: string;
  label: string;
  required: boolean;
  checked: boolean;
}

export interface WebFormEditor {
  id: number | null;
  version: number;
  slug: string;
  table: string;
  tableLabel: string;
  title: string;
  thankYou: string;
  enabled: boolean;
  allowedOrigins: string;
  choices: FieldChoice[];
  /** Required fields of the table the form leaves out: every post would fail. */
  missingRequired: string[];
  /** Set once saved: the public link and the iframe snippet to copy. */
  url: string | null;
  embed: string | null;
}

export interface WebFormRow {
  id: number;
  slug: string;
  title: string;
  tableLabel: string;
  enabled: boolean;
  url: string;
}

const attribute = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function embedSnippet(url: string, title: string): string {
  return `<iframe src="${attribute(`${url}?${EMBED_PARAM}=1`)}" title="${attribute(title)}" width="100%" height="820" style="border:0;max-width:640px" loading="lazy"></iframe>`;
}

/** The card's fields a visitor could fill, in the card's order; the checked ones are published. */
async function choicesFor(
  actor: Actor,
  compiled: CompiledSchema,
  tableKey: string,
  checked: (key: string, hasDefault: boolean) => boolean,
): Promise<FieldChoice[]> {
  const runtime = await getRuntime();
  const table = compiled.tablesByKey.get(tableKey)!;
  const card = resolveLayout((await runtime.layouts.get(actor, tableKey)).layout, table, compiled).layout;
  return layoutControls(card)
    .map((c) => table.fields.find((f) => f.id === c["x-field"]))
    .filter((f): f is NonNullable<typeof f> => f !== undefined && publishableField(f))
    .map((f) => ({
      key: f.key,
      label: f.label,
      // A required field with a default (a lead's status) is filled without the visitor.
      required: f.required && f.def.default === undefined,
      checked: checked(f.key, f.def.default !== undefined),
    }));
}

async function editorFor(
  actor: Actor,
  compiled: CompiledSchema,
  origin: string,
  form: PublicForm | null,
  tableKey: string,
): Promise<WebFormEditor> {
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) throw new Response(`There is no table "${tableKey}"`, { status: 404 });
  // A new form starts with the fields people type in; those with a default (status) stay the firm's.
  const choices = await choicesFor(actor, compiled, table.key, (key, hasDefault) => (form ? form.fields.includes(key) : !hasDefault));
  const url = form ? `${origin}/f/${form.slug}` : null;
  return {
    id: form?.id ?? null,
    version: form?.version ?? 0,
    slug: form?.slug ?? "",
    table: table.key,
    tableLabel: table.pluralLabel,
    title: form?.title ?? "",
    thankYou: form?.thankYou ?? "",
    enabled: form?.enabled ?? true,
    allowedOrigins: form?.allowedOrigins.join("\n") ?? "",
    choices,
    missingRequired: requiredFieldsMissing(
      table,
      choices.filter((c) => c.checked).map((c) => c.key),
    ).map((f) => f.label),
    url,
    embed: url && form ? embedSnippet(url, form.title) : null,
  };
}

/**
 * The web forms screen: every form, the tables one can be made for, and the one being edited
 * (`?edit=<id>` or `?new=<table>`); tables and fields named in the admin's language.
 */
export async function webFormsScreen(request: Request) {
  const actor = await adminActorFor(request);
  const runtime = await getRuntime();
  const url = new URL(request.url);
  const forms = await runtime.publicForms.list(actor);
  const { compiled } = inLanguage(await runtime.workspace.current(), await languageOf(request));
  const tables = compiled.tables.filter((t) => !t.parent).map((t) => ({ key: t.key, label: t.pluralLabel }));
  const editId = Number(url.searchParams.get("edit"));
  const newTable = url.searchParams.get("new");
  const editing =
    Number.isInteger(editId) && editId > 0
      ? await runtime.publicForms.get(actor, editId).then((f) => editorFor(actor, compiled, url.origin, f, f.table))
      : newTable
        ? await editorFor(actor, compiled, url.origin, null, newTable)
        : null;
  const rows: WebFormRow[] = forms.map((f) => ({
    id: f.id,
    slug: f.slug,
    title: f.title,
    tableLabel: compiled.tablesByKey.get(f.table)?.pluralLabel ?? f.table,
    enabled: f.enabled,
    url: `${url.origin}/f/${f.slug}`,
  }));
  return { forms: rows, tables, editing, saved: url.searchParams.get("saved") === "1" };
}

/** Save a form (new or changed), or switch one on or off; problems come back by setting. */
export async function webFormsAction(request: Request) {
  const actor = await adminActorFor(request);
  const service = (await getRuntime()).publicForms;
  const posted = await request.formData();
  const id = Number(posted.get("id")) || null;
  try {
    if (posted.get("_intent") === "toggle" && id) {
      const form = await service.get(actor, id);
      await service.save(actor, id, { ...form, allowedOrigins: form.allowedOrigins.join("\n"), enabled: posted.get("enabled") === "true" });
      return redirect("/admin/public-forms");
    }
    const saved = await service.save(
      actor,
      id,
      {
        slug: posted.get("slug"),
        table: posted.get("table"),
        title: posted.get("title"),
        thankYou: posted.get("thankYou"),
        enabled: posted.get("enabled"),
        allowedOrigins: posted.get("allowedOrigins"),
        fields: posted.getAll("fields"),
      },
      id ? Number(posted.get("version")) : undefined,
    );
    return redirect(`/admin/public-forms?edit=${saved.id}&saved=1`);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const english = (error.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
    const { t } = await translatorFor(request);
    const fields = Object.fromEntries(
      Object.entries(english).map(([key, message]) => [key, error.fieldWords?.[key] ? say(error.fieldWords[key], t) : message]),
    );
    return json(
      {
        error: await errorIn(request, error),
        fields,
        posted: Object.fromEntries([...posted.keys()].map((k) => [k, posted.getAll(k).map(String)])),
      },
      error.status,
    );
  }
}
