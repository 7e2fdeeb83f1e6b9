import { nameIn, type Translatable } from "../i18n/item-names";
import type { Words } from "../i18n/words";

/**
 * The name of a default view made from the list ("make this everyone's default"): our word, not
 * an admin's, so screens say it in their reader's language (`views.defaultName`).
 */
export const DEFAULT_VIEW_NAME = "Default";

/** A saved view's name as its reader reads it: its name in their language, our own word in their words. */
export function viewNameIn(view: Translatable & { isDefault?: boolean }, language: string, t: Words): string {
  const name = nameIn(view, language);
  return view.isDefault && name === DEFAULT_VIEW_NAME ? t("views.defaultName") : name;
}
