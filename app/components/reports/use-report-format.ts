import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ReportFormat } from "@runtime/reports/report-words";
import { useLocale } from "../../i18n/use-locale";

/** How the reader sees a report's figures and group names: their words and their locale's digits and months. */
export function useReportFormat(): ReportFormat {
  const { t } = useTranslation();
  const locale = useLocale();
  return useMemo(() => ({ locale, t: (key, values) => t(key, values) }), [locale, t]);
}
