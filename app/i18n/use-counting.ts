import { useTranslation } from "react-i18next";
import { COUNT_CAP } from "@runtime/views/pagination";
import { numberFormat } from "@runtime/fields/intl-formats";
import { useLocale } from "./use-locale";

/** How lists count, in the reader's language and digits: "1–50 of 1,234", "1–50 av 1 234", "about 1,000,000". */
export function useCounting() {
  const { t } = useTranslation();
  const locale = useLocale();
  const integer = numberFormat(locale, { maximumFractionDigits: 0 });
  const total = (count: number, exact: boolean) =>
    exact ? integer.format(count) : count <= COUNT_CAP ? `${integer.format(count)}+` : t("list.about", { n: integer.format(count) });
  return {
    integer: (n: number) => integer.format(n),
    total,
    range(page: number, pageSize: number, rowCount: number, count: number, exact: boolean) {
      if (rowCount === 0) return page > 1 ? t("list.nothingOnPage", { page: integer.format(page) }) : t("list.noRecords");
      const first = (page - 1) * pageSize + 1;
      return t("list.range", { first: integer.format(first), last: integer.format(first + rowCount - 1), total: total(count, exact) });
    },
  };
}
