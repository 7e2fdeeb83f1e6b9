import { useTranslation } from "react-i18next";
import { BUILTIN_ROLES } from "@runtime/auth/roles";

const SHIPPED_NAMES = new Map(BUILTIN_ROLES.map((r) => [r.key, r.name]));

/** A role's name as the reader says it: a built-in role still under its shipped name reads in their language. */
export function useRoleName(): (key: string, name: string) => string {
  const { t } = useTranslation();
  return (key, name) => (SHIPPED_NAMES.get(key) === name ? t(`roles.${key}`, { defaultValue: name }) : name);
}
