import { Form, Link, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { lastPage, pageNumbers } from "@runtime/views/pagination";
import { useCounting } from "../../i18n/use-counting";
import { nextPageParams, PAGE_SIZES, pageParams, previousPageParams, withChanges, type ListParams } from "@runtime/views/list-params";
import { hiddenEntries, listHref } from "./list-link";

export interface PaginationProps {
  tableKey: string;
  params: ListParams;
  page: number;
  pageSize: number;
  rowCount: number;
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
}

/** "1–50 of 1,234", the first page numbers, previous/next by keyset cursor, and the page size. */
export function Pagination(props: PaginationProps) {
  const submit = useSubmit();
  const { t } = useTranslation();
  const counting = useCounting();
  const { params, page } = props;
  const last = lastPage(props.total, props.totalExact, props.pageSize);
  const numbers = pageNumbers(props.total, props.totalExact, props.pageSize);
  const href = (p: ListParams) => listHref(props.tableKey, p);
  return (
    <nav className="pagination" aria-label={t("list.pages")}>
      <span className="pagination__range" aria-live="polite">
        {counting.range(page, props.pageSize, props.rowCount, props.total, props.totalExact)}
      </span>
      <span className="pagination__pages">
        {page > 1 ? (
          <Link className="button button--ghost button--small" to={href(previousPageParams(params))} rel="prev">
            {t("list.previous")}
          </Link>
        ) : (
          <span className="button button--ghost button--small" aria-disabled="true">
            {t("list.previous")}
          </span>
        )}
        {numbers.map((n) => (
          <Link
            key={n}
            className={n === page ? "pagination__number pagination__number--current" : "pagination__number"}
            to={href(pageParams(params, n))}
            aria-current={n === page ? "page" : undefined}
            aria-label={t("list.page", { n })}
          >
            {n}
          </Link>
        ))}
        {page > numbers.length ? (
          <span className="pagination__number pagination__number--current" aria-current="page">
            {page}
          </span>
        ) : null}
        {props.nextCursor && (last === null || page < last) ? (
          <Link className="button button--ghost button--small" to={href(nextPageParams(params, props.nextCursor))} rel="next">
            {t("list.next")}
          </Link>
        ) : (
          <span className="button button--ghost button--small" aria-disabled="true">
            {t("list.next")}
          </span>
        )}
      </span>
      <Form method="get" className="pagination__size" onChange={(e) => submit(e.currentTarget)}>
        {hiddenEntries(withChanges(params, {}), ["pageSize"]).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label htmlFor="page-size">{t("list.rowsPerPage")}</label>
        <select id="page-size" name="pageSize" className="input input--small" defaultValue={props.pageSize}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <noscript>
          <button className="button button--small">{t("list.apply")}</button>
        </noscript>
      </Form>
    </nav>
  );
}
