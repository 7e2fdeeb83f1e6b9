import { useActionData, useBlocker, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useMemo, useRef } from "react";
import { compileSchema } from "../../../runtime/schema/compile";
import { useCsrfToken } from "../csrf-field";
import { CardForm } from "./card-form";
import type { CardActionData, CardData } from "./card-types";

/**
 * The Remix side of a card: submits through the router (no full reload), guards unsaved changes,
 * and remounts the form when a save brought a new version — but not after a 422 or a 409, so
 * nothing typed is lost.
 */
export function CardScreen() {
  const data = useLoaderData() as unknown as CardData;
  const actionData = useActionData() as CardActionData | undefined;
  const navigation = useNavigation();
  const submit = useSubmit();
  const [params] = useSearchParams();
  const csrfToken = useCsrfToken();
  const compiled = useMemo(() => compileSchema(data.schema, data.schemaVersion), [data.schema, data.schemaVersion]);
  const table = compiled.tablesByKey.get(data.tableKey)!;

  const dirtyRef = useRef(false);
  const submittingRef = useRef(false);
  const submitting = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";
  const deleting = submitting && navigation.formData?.get("_intent") === "delete";
  useEffect(() => {
    if (navigation.state === "idle") submittingRef.current = false;
  }, [navigation.state]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyRef.current && !submittingRef.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm("This card has unsaved changes. Leave without saving?")) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);

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
      onDirtyChange={(dirty) => {
        dirtyRef.current = dirty;
      }}
      onLeave={() => {
        dirtyRef.current = false;
      }}
      onSubmit={(form) => {
        submittingRef.current = true;
        submit(form, { method: "post" });
      }}
    />
  );
}
