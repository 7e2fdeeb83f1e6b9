import { BUILTIN_ROLES } from "@runtime/auth/roles";
import type { Words } from "@runtime/i18n/translator";

const SHIPPED_NAMES = new Map(BUILTIN_ROLES.map((r) => [r.key, r.name]));

/** A built-in role still under its shipped name reads in the reader's language; a renamed one as named. */
export function roleNameIn(t: Words, key: string | undefined, name: string): string {
  return key && SHIPPED_NAMES.get(key) === name ? t(`roles.${key}`) : name;
}
