import { Form, Link, useSubmit } from "@remix-run/react";
import { lastPage, pageNumbers, rangeLabel } from "@runtime/views/pagination";
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
  const { params, page } = props;
  const last = lastPage(props.total, props.totalExact, props.pageSize);
  const numbers = pageNumbers(props.total, props.totalExact, props.pageSize);
  const href = (p: ListParams) => listHref(props.tableKey, p);
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="pagination__range" aria-live="polite">
        {rangeLabel(page, props.pageSize, props.rowCount, props.total, props.totalExact)}
      </span>
      <span className="pagination__pages">
        {page > 1 ? (
          <Link className="button button--ghost button--small" to={href(previousPageParams(params))} rel="prev">
            ‹ Previous
          </Link>
        ) : (
          <span className="button button--ghost button--small" aria-disabled="true">
            ‹ Previous
          </span>
        )}
        {numbers.map((n) => (
          <Link
            key={n}
            className={n === page ? "pagination__number pagination__number--current" : "pagination__number"}
            to={href(pageParams(params, n))}
            aria-current={n === page ? "page" : undefined}
            aria-label={`Page ${n}`}
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
            Next ›
          </Link>
        ) : (
          <span className="button button--ghost button--small" aria-disabled="true">
            Next ›
          </span>
        )}
      </span>
      <Form method="get" className="pagination__size" onChange={(e) => submit(e.currentTarget)}>
        {hiddenEntries(withChanges(params, {}), ["pageSize"]).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label htmlFor="page-size">Rows per page</label>
        <select id="page-size" name="pageSize" className="input input--small" defaultValue={props.pageSize}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <noscript>
          <button className="button button--small">Apply</button>
        </noscript>
      </Form>
    </nav>
  );
}
