import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { RuleEditor } from "../components/rules/rule-editor";
import { adminActorFor } from "../services/people.server";
import { ruleEditorDataAs } from "../services/rules-screens.server";
import listStyles from "../styles/list.css";
import rulesStyles from "../styles/rules.css";
import { languageOf } from "../services/i18n.server";

export const meta = titledMeta;
export const handle: TitledHandle = {
  title: (t, data: { rule?: { name?: string } } | undefined) =>
    t("rules.editor.pageTitle", { name: data?.rule?.name || t("rules.editor.new") }),
};
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: listStyles },
  { rel: "stylesheet", href: rulesStyles },
];

/** `/admin/rules/new` or `/admin/rules/<id>`: the editor, built from the schema in force. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  try {
    return json(await ruleEditorDataAs(actor, params.id, await languageOf(request)));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400))
      throw new Response(`${error.message}: open it from the list of rules`, { status: 404 });
    throw error;
  }
}

export default function RuleEditorRoute() {
  const data = useLoaderData<typeof loader>();
  return <RuleEditor key={data.rule.id ?? "new"} data={data} />;
}
