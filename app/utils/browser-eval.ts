import type { ClientLoaderFunctionArgs } from "@remix-run/react";

/**
 * ajv compiles validators with `new Function`, so a page that validates in the browser (a card,
 * the schema designer) needs 'unsafe-eval' in its Content Security Policy; no other page gets it
 * (docs/decisions/008-sign-in-and-permissions.md). A route asks for it with this `handle`.
 * Lists have it too: staff open a card from a list all day, and a card reached from a page
 * without it must be loaded anew (below).
 */
export const EVAL_IN_BROWSER = { cspAllowsEval: true } as const;

export function routeAllowsEval(handle: unknown): boolean {
  return typeof handle === "object" && handle !== null && (handle as { cspAllowsEval?: unknown }).cspAllowsEval === true;
}

let documentMayEval: boolean | undefined;

/**
 * The clientLoader of a page that compiles validators. A document keeps the policy it was loaded
 * with, so a client-side navigation from a page without 'unsafe-eval' could not compile them:
 * there, the page is loaded as a new document instead, which brings the policy it needs. The
 * probe costs one "Refused to evaluate" console report, once per such document.
 */
export async function loadWhereValidatorsCompile({ request, serverLoader }: ClientLoaderFunctionArgs): Promise<unknown> {
  if (documentMayEval === undefined) {
    try {
      documentMayEval = new Function("return true")() === true;
    } catch {
      documentMayEval = false;
    }
  }
  if (documentMayEval) return serverLoader();
  window.location.assign(request.url);
  return new Promise<never>(() => {});
}
