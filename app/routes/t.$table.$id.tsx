import type { SerializeFrom } from "@remix-run/node";
import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useParams, type ClientActionFunctionArgs } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { cardAction, loadCard } from "../components/card/card-route.server";
import { CardScreen } from "../components/card/card-screen";
import { RecordRules } from "../components/rules/record-rules";
import { noteCardOpened } from "../services/home.server";
import cardStyles from "../styles/card.css";
import fieldStyles from "../styles/fields.css";
import mailStyles from "../styles/mail.css";
import rulesStyles from "../styles/rules.css";
import { EVAL_IN_BROWSER, loadWhereValidatorsCompile } from "../utils/browser-eval";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fieldStyles },
  { rel: "stylesheet", href: cardStyles },
  { rel: "stylesheet", href: rulesStyles },
  { rel: "stylesheet", href: mailStyles },
];

/** Compiles validators in the browser: see app/utils/browser-eval.ts. */
export const meta = titledMeta;
export const handle: TitledHandle & typeof EVAL_IN_BROWSER = {
  ...EVAL_IN_BROWSER,
  title: (t, data?: SerializeFrom<typeof loader>) => {
    if (!data?.record) return t("titles.notFound");
    const table = data.schema.$defs[data.tableKey];
    const titleKey = table?.["x-title-field"];
    return titleKey && data.record[titleKey]
      ? String(data.record[titleKey])
      : `${table?.title ?? data.tableKey} #${String(data.record.id)}`;
  },
};
export const clientLoader = loadWhereValidatorsCompile;

/** 404 for a record that does not exist (or went to the trash), not a 500. */
async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) throw new Response(error.message, { status: 404 });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const card = await orNotFound(loadCard(request, params.table, params.id ?? ""));
  await noteCardOpened(request, card.tableKey, card.record?.id);
  return json(card);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return orNotFound(cardAction(request, params.table, params.id ?? ""));
}

/**
 * A save whose request never reached the server (the network failed on the way) answers
 * `{ networkFailed: true }`, so the card keeps the edit on the device instead of showing an error
 * page (docs/decisions/033-offline-app.md). Everything else is the server's answer.
 */
export async function clientAction({ serverAction }: ClientActionFunctionArgs) {
  try {
    return await serverAction<typeof action>();
  } catch (error) {
    if (error instanceof TypeError) return { networkFailed: true as const };
    throw error;
  }
}

export default function RecordCard() {
  const params = useParams();
  return (
    <>
      <RecordRules table={params.table ?? ""} recordId={params.id ?? ""} />
      <CardScreen data={useLoaderData<typeof loader>()} actionData={useActionData<typeof clientAction>()} />
    </>
  );
}
