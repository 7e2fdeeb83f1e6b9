import { useTranslation } from "react-i18next";
import { roleNameIn } from "./role-name";

/** A role's name as the reader says it (`roleNameIn` with the reader's words). */
export function useRoleName(): (key: string, name: string) => string {
  const { t } = useTranslation();
  return (key, name) => roleNameIn(t, key, name);
}
