import type { MetaFunction } from "@remix-run/node";
import { useMatches } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Words } from "@runtime/i18n/translator";

/**
 * A route's page title in the reader's words: `handle = { title: (t, data) => … }`. Remix's `meta`
 * runs outside React, where the request's translator is not at hand; the root renders this
 * instead, so the browser tab speaks the page's language too.
 */
export interface TitledHandle {
  // Loader data arrives serialized and untyped here; each route reads the part it knows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  title?: (t: Words, data: any) => string;
}

function titleOf(handle: unknown): TitledHandle["title"] | undefined {
  return handle && typeof handle === "object" && "title" in handle && typeof handle.title === "function"
    ? (handle.title as TitledHandle["title"])
    : undefined;
}

/** The deepest route's title, "· Tessera" after it; nothing when no route names one (its `meta` may). */
export function PageTitle() {
  const { t } = useTranslation();
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const title = titleOf(matches[i].handle);
    if (title) return <title>{t("titles.page", { title: title(t, matches[i].data) })}</title>;
  }
  return null;
}

/**
 * The `meta` of a route that names its title in its handle: none, so the root's default title
 * ("Tessera") is not inherited beside the one `PageTitle` renders.
 */
export const titledMeta: MetaFunction = () => [];
