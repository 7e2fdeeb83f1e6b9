import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ImportOutcomePanel } from "../components/config/import-outcome";
import { CsrfField } from "../components/csrf-field";
import { adminActorFor } from "../services/people.server";
import { translatorFor } from "../services/i18n.server";
import { applyUpload, BUNDLE_MAX_BYTES, getConfigBundles, reviewUpload } from "../services/config-bundle.server";
import configStyles from "../styles/config.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: configStyles }];
export const meta: MetaFunction = () => [{ title: "Configuration · Tessera" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  const bundle = await (await getConfigBundles()).exportBundle(actor);
  return json({
    version: bundle.source?.schemaVersion ?? 0,
    counts: {
      tables: Object.keys(bundle.schema.$defs).length,
      layouts: bundle.layouts.length,
      views: bundle.views.length,
      templates: bundle.templates.length,
      rules: bundle.rules?.length ?? 0,
      wordTemplates: bundle.wordTemplates?.length ?? 0,
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const form = await request.formData();
  const intent = form.get("intent");
  const file = form.get("file");
  const fileName = typeof file === "object" && file !== null && file.name ? file.name : String(form.get("fileName") || "the bundle");
  let text = typeof form.get("bundle") === "string" ? String(form.get("bundle")) : "";
  if (typeof file === "object" && file !== null && file.size > 0) {
    if (file.size > BUNDLE_MAX_BYTES)
      return json({
        ok: false as const,
        stage: "failed" as const,
        error: `${fileName} is larger than ${BUNDLE_MAX_BYTES / 1_000_000} MB: is it really a configuration bundle?`,
        problems: [],
        bundleText: null,
        fileName,
      });
    text = await file.text();
  }
  if (!text)
    return json({
      ok: false as const,
      stage: "failed" as const,
      error: "Choose a bundle file first.",
      problems: [],
      bundleText: null,
      fileName,
    });
  const translator = await translatorFor(request);
  const words = (key: string, values?: Record<string, unknown>) => translator.t(key, values);
  if (intent === "apply")
    return json(await applyUpload(actor, text, fileName, Number(form.get("baseVersion")), form.get("confirmDestructive") === "on", words));
  return json(await reviewUpload(actor, text, fileName, words));
}

export default function AdminConfig() {
  const { version, counts } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const working = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  return (
    <section className="admin-page config-page" aria-labelledby="config-title">
      <h1 id="config-title">Configuration</h1>
      <p className="muted config-page__lead">
        Schema version {version}: {counts.tables} tables, {counts.layouts} designed cards, {counts.views} shared views and list settings,{" "}
        {counts.templates} print templates, {counts.rules} rules, {counts.wordTemplates} Word templates.
      </p>

      <h2>Download</h2>
      <ul className="config-downloads">
        <li>
          <a className="button button--small" href="/api/config/bundle?download=1" download data-testid="download-bundle">
            Configuration bundle
          </a>
          <span className="muted">
            Schema, card layouts, shared views and list settings, print and Word templates, rules, home page: one JSON file to import into
            another installation.
          </span>
        </li>
        <li>
          <a className="button button--small" href="/api/config/schema" download>
            Workspace schema
          </a>
          <span className="muted">The data model as a JSON Schema (draft 2020-12) document, for other JSON Schema tools.</span>
        </li>
        <li>
          <a className="button button--small" href="/api/config/types" download>
            TypeScript types
          </a>
          <span className="muted">One interface per table, as the API returns records, generated with json-schema-to-typescript.</span>
        </li>
      </ul>

      <h2>Import a bundle</h2>
      <p className="muted">
        Tables and fields are matched by their ids, so a bundle exported from a copy of this workspace changes only what differs. Nothing
        changes until you review the plan and apply it.
      </p>
      <Form method="post" encType="multipart/form-data" className="inline-form inline-form--wrap config-upload" data-testid="import-form">
        <CsrfField />
        <label>
          Bundle file
          <input type="file" name="file" accept="application/json,.json" required />
        </label>
        <button className="button" type="submit" name="intent" value="review" disabled={working === "review"}>
          {working === "review" ? "Reading…" : "Review import"}
        </button>
      </Form>
      {outcome ? <ImportOutcomePanel outcome={outcome} working={working === "apply"} /> : null}
    </section>
  );
}
