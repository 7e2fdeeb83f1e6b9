import { useTranslation } from "react-i18next";
import { useNavigation, useRevalidator, useRouteLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { compileSchema, type CompiledSchema } from "@runtime/schema/compile";
import { useCsrfToken } from "../csrf-field";
import { useLeaveGuard } from "../use-leave-guard";
import { CardForm } from "./card-form";
import type { CardActionData, CardData } from "./card-types";

// A card's schema is the same for every record of a table at one version (card-route.server.ts):
// compile it once, not per render, on the server as in the browser.
const compiledSchemas = new Map<string, CompiledSchema>();
function compiledCardSchema(data: Pick<CardData, "schema" | "schemaVersion" | "tableKey">): CompiledSchema {
  const key = `${data.schemaVersion}:${data.tableKey}`;
  let compiled = compiledSchemas.get(key);
  if (!compiled) {
    if (compiledSchemas.size > 200) compiledSchemas.clear();
    compiled = compileSchema(data.schema, data.schemaVersion);
    compiledSchemas.set(key, compiled);
  }
  return compiled;
}

/**
 * The Remix side of a card: submits through the router (no full reload), guards unsaved changes,
 * and remounts the form when a save brought a new version — but not after a 422 or a 409, so
 * nothing typed is lost. The routes hand it their loader's and action's answers.
 */
export function CardScreen({ data, actionData }: { data: CardData; actionData: CardActionData | undefined }) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  const submit = useSubmit();
  const revalidator = useRevalidator();
  const [params] = useSearchParams();
  const csrfToken = useCsrfToken();
  const userId = useRouteLoaderData<{ user: { id: number } | null }>("root")?.user?.id;
  const compiled = compiledCardSchema(data);
  const table = compiled.tablesByKey.get(data.tableKey)!;

  const dirtyRef = useRef(false);
  const submittingRef = useRef(false);
  const submitting = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";
  const deleting = submitting && navigation.formData?.get("_intent") === "delete";
  useEffect(() => {
    if (navigation.state === "idle") submittingRef.current = false;
  }, [navigation.state]);

  useLeaveGuard(() => dirtyRef.current && !submittingRef.current, t("cardForm.leave"));

  // A successful save redirects here with a new version and no action data: start from the record.
  const keyRef = useRef("");
  if (!actionData) keyRef.current = `${data.tableKey}:${String(data.record?.id ?? "new")}:${String(data.record?.version ?? "")}`;

  return (
    <CardForm
      key={keyRef.current}
      data={data}
      compiled={compiled}
      table={table}
      actionData={actionData}
      submitting={submitting && !deleting}
      deleting={deleting}
      initialTab={Number(params.get("tab") ?? 0) || 0}
      csrfToken={csrfToken}
      userId={userId}
      onDirtyChange={(dirty) => {
        dirtyRef.current = dirty;
      }}
      onLeave={() => {
        dirtyRef.current = false;
      }}
      onTimelineAdd={() => revalidator.revalidate()}
      onSubmit={(form) => {
        submittingRef.current = true;
        submit(form, { method: "post" });
      }}
    />
  );
}
