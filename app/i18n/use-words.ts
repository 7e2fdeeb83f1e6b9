import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { Words } from "@runtime/i18n/words";

/** The reader's `t` as a plain `Words` function, for the pure code (designers' operations) that says things. */
export function useWords(): Words {
  const { t } = useTranslation();
  return useCallback((key: string, values?: Record<string, unknown>) => t(key, values ?? {}), [t]);
}
