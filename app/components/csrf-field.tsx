import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "../root";

/** The signed-in session's CSRF token, from the root loader; "" on pages without a session. */
export function useCsrfToken(): string {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return data?.csrfToken ?? "";
}

/** Put inside every `<Form method="post">`: the server refuses a cookie-authenticated POST without it. */
export function CsrfField() {
  return <input type="hidden" name="_csrf" value={useCsrfToken()} />;
}
