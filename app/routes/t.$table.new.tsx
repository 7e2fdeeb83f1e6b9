import type { SerializeFrom } from "@remix-run/node";
import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { cardAction, loadCard } from "../components/card/card-route.server";
import { CardScreen } from "../components/card/card-screen";
import cardStyles from "../styles/card.css";
import fieldStyles from "../styles/fields.css";
import { EVAL_IN_BROWSER, loadWhereValidatorsCompile } from "../utils/browser-eval";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fieldStyles },
  { rel: "stylesheet", href: cardStyles },
];

/** Compiles validators in the browser: see app/utils/browser-eval.ts. */
export const meta = titledMeta;
export const handle: TitledHandle & typeof EVAL_IN_BROWSER = {
  ...EVAL_IN_BROWSER,
  title: (t, data?: SerializeFrom<typeof loader>) => {
    const table = data?.schema.$defs[data.tableKey];
    return t("cardForm.newTitle", { noun: (table?.title ?? data?.tableKey ?? "").toLocaleLowerCase() });
  },
};
export const clientLoader = loadWhereValidatorsCompile;

/** A new record; `?<relation>=<id>` pre-fills links (a contact added from its client's card). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await loadCard(request, params.table, null));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return cardAction(request, params.table, null);
}

export default function NewRecordCard() {
  return <CardScreen data={useLoaderData<typeof loader>()} actionData={useActionData<typeof action>()} />;
}
