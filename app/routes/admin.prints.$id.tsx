import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { PrintDesigner } from "../components/print-designer/designer-screen";
import type { GrapesJs } from "@print-designer/editor";
import { PrintConditionEditor } from "../components/print-condition-editor";
import { adminActorFor } from "../services/people.server";
import { translatorFor } from "../services/i18n.server";
import { designerDataAs } from "../services/print-templates.server";
import listStyles from "../styles/list.css";
import printStyles from "../styles/print-designer.css";
import grapesStyles from "grapesjs/dist/css/grapes.min.css";

export const meta = titledMeta;
export const handle: TitledHandle = {
  title: (t, data: { template?: { name?: string } } | undefined) =>
    t("printDesigner.pageTitle", { name: data?.template?.name ?? t("printDesigner.pageTitleNone") }),
};
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: grapesStyles },
  { rel: "stylesheet", href: listStyles },
  { rel: "stylesheet", href: printStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  const translator = await translatorFor(request);
  try {
    return json({
      ...(await designerDataAs(actor, params.id, translator.t, translator.language)),
      today: new Date().toISOString().slice(0, 10),
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      throw new Response(`${error.message}: open it from the list of print templates`, { status: 404 });
    throw error;
  }
}

// Only this route ever loads GrapesJS, and only in the browser.
const loadGrapes = (): Promise<GrapesJs> => import("grapesjs").then((m) => m.default);

export default function PrintDesignerRoute() {
  const data = useLoaderData<typeof loader>();
  const conditionFields = data.conditionFields;
  const table = { pluralLabel: data.tablePluralLabel, fieldsByKey: new Map(conditionFields.map((f) => [f.key, f])) };
  return (
    <PrintDesigner
      key={data.template.id}
      template={data.template}
      tableLabel={data.tableLabel}
      schema={{ fieldOptions: data.fieldOptions, lineLists: data.lineLists, imageOptions: data.imageOptions, imageUrls: data.imageUrls }}
      previewRecords={data.previewRecords}
      languageOptions={data.languageOptions}
      problems={data.problems}
      loadGrapes={loadGrapes}
      renderCondition={({ condition, onChange }) => (
        <PrintConditionEditor condition={condition} fields={conditionFields} table={table} today={data.today} onChange={onChange} />
      )}
    />
  );
}
