import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { availableLanguages } from "@runtime/i18n/catalogs.server";
import { DesignerScreen } from "../components/form-designer/designer-screen";
import { TranslationLanguages } from "../components/schema-designer/translations-form";
import { designErrorOf, loadDesigner, saveDesign } from "../services/form-designer.server";
import { adminActorFor } from "../services/people.server";
import { languageOf, translatorFor } from "../services/i18n.server";
import cardStyles from "../styles/card.css";
import fieldStyles from "../styles/fields.css";
import designerStyles from "../styles/form-designer.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fieldStyles },
  { rel: "stylesheet", href: cardStyles },
  { rel: "stylesheet", href: designerStyles },
];

export const meta = titledMeta;
export const handle: TitledHandle = {
  title: (t, data: { tableKey?: string } | undefined) => t("formDesigner.pageTitle", { table: data?.tableKey ?? "" }),
};

function notFoundResponse(error: unknown): never {
  if (error instanceof ApiError && error.status === 404) throw new Response(error.message, { status: 404 });
  throw error;
}

/** The preview's record comes from its own route, `admin.forms.$table_.preview.$id.ts`. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  // The languages a card's words can be translated into: every catalog but English.
  const languages = availableLanguages().filter((l) => l.language !== "en");
  return json({ ...(await loadDesigner(actor, params.table, await languageOf(request)).catch(notFoundResponse)), languages });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const form = await request.formData();
  if (form.get("intent") !== "save")
    return json({ ok: false as const, error: "unknown action", problems: [], status: 400 }, { status: 400 });
  try {
    const saved = await saveDesign(actor, params.table, form.get("layout"), form.get("version"));
    return json({ ok: true as const, ...saved });
  } catch (error) {
    if (error instanceof ApiError) {
      const { t } = await translatorFor(request);
      const answer = designErrorOf(error, (key, values) => t(key, values ?? {}));
      return json(answer, { status: answer.status });
    }
    throw error;
  }
}

export default function DesignCard() {
  const data = useLoaderData<typeof loader>();
  return (
    <TranslationLanguages.Provider value={data.languages}>
      <DesignerScreen key={data.tableKey} data={data} />
    </TranslationLanguages.Provider>
  );
}
