import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ImportOutcomePanel } from "../components/config/import-outcome";
import { CsrfField } from "../components/csrf-field";
import { adminActorFor } from "../services/people.server";
import { translatorFor } from "../services/i18n.server";
import { applyUpload, BUNDLE_MAX_BYTES, getConfigBundles, reviewUpload } from "../services/config-bundle.server";
import configStyles from "../styles/config.css";
import { bundleSaid } from "@runtime/config-bundle/bundle-words";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: configStyles }];
export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.configuration") };

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
  const translator = await translatorFor(request);
  const words = (key: string, values?: Record<string, unknown>) => translator.t(key, values);
  if (typeof file === "object" && file !== null && file.size > 0) {
    if (file.size > BUNDLE_MAX_BYTES)
      return json({
        ok: false as const,
        stage: "failed" as const,
        error: bundleSaid("fileTooLarge", { file: fileName, mb: BUNDLE_MAX_BYTES / 1_000_000 }, words),
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
      error: bundleSaid("chooseFile", {}, words),
      problems: [],
      bundleText: null,
      fileName,
    });
  if (intent === "apply")
    return json(await applyUpload(actor, text, fileName, Number(form.get("baseVersion")), form.get("confirmDestructive") === "on", words));
  return json(await reviewUpload(actor, text, fileName, words));
}

export default function AdminConfig() {
  const { version, counts } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const working = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const { t } = useTranslation();
  return (
    <section className="admin-page config-page" aria-labelledby="config-title">
      <h1 id="config-title">{t("configPage.title")}</h1>
      <p className="muted config-page__lead">{t("configPage.lead", { version, ...counts })}</p>

      <h2>{t("configPage.download")}</h2>
      <ul className="config-downloads">
        <li>
          <a className="button button--small" href="/api/config/bundle?download=1" download data-testid="download-bundle">
            {t("configPage.bundle")}
          </a>
          <span className="muted">{t("configPage.bundleHint")}</span>
        </li>
        <li>
          <a className="button button--small" href="/api/config/schema" download>
            {t("configPage.schema")}
          </a>
          <span className="muted">{t("configPage.schemaHint")}</span>
        </li>
        <li>
          <a className="button button--small" href="/api/config/types" download>
            {t("configPage.types")}
          </a>
          <span className="muted">{t("configPage.typesHint")}</span>
        </li>
      </ul>

      <h2>{t("configPage.importTitle")}</h2>
      <p className="muted">{t("configPage.importHint")}</p>
      <Form method="post" encType="multipart/form-data" className="inline-form inline-form--wrap config-upload" data-testid="import-form">
        <CsrfField />
        <label>
          {t("configPage.bundleFile")}
          <input type="file" name="file" accept="application/json,.json" required />
        </label>
        <button className="button" type="submit" name="intent" value="review" disabled={working === "review"}>
          {working === "review" ? t("configPage.reading") : t("configPage.review")}
        </button>
      </Form>
      {outcome ? <ImportOutcomePanel outcome={outcome} working={working === "apply"} /> : null}
    </section>
  );
}
