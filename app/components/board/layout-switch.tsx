import { Link } from "@remix-run/react";
import type { ListParams } from "@runtime/views/list-params";
import { listHref } from "../list/list-link";

interface LayoutSwitchProps {
  tableKey: string;
  params: ListParams;
  boardFields: { key: string; label: string }[];
  /** The board's field when the board is shown. */
  groupBy: string | undefined;
}

/** List or board, and on a board the field its columns follow; shown only when a board is possible. */
export function LayoutSwitch({ tableKey, params, boardFields, groupBy }: LayoutSwitchProps) {
  if (boardFields.length === 0) return null;
  const list = { ...params, layout: undefined, groupBy: undefined, page: 1, cursors: [] };
  const board = (key: string | undefined) => ({ ...params, layout: "board" as const, groupBy: key, page: 1, cursors: [] });
  const onBoard = groupBy !== undefined;
  return (
    <nav className="layout-switch" aria-label="Layout">
      <div className="segmented">
        <Link
          className={onBoard ? "segmented__item" : "segmented__item segmented__item--on"}
          aria-current={onBoard ? undefined : "page"}
          to={listHref(tableKey, list)}
        >
          List
        </Link>
        <Link
          className={onBoard ? "segmented__item segmented__item--on" : "segmented__item"}
          aria-current={onBoard ? "page" : undefined}
          to={listHref(tableKey, board(params.groupBy))}
        >
          Board
        </Link>
      </div>
      {onBoard && boardFields.length > 1 ? (
        <div className="layout-switch__group">
          <span>by</span>
          {boardFields.map((f) => (
            <Link
              key={f.key}
              className={f.key === groupBy ? "chip chip--on" : "chip"}
              aria-current={f.key === groupBy ? "true" : undefined}
              to={listHref(tableKey, board(f.key))}
            >
              {f.label}
            </Link>
          ))}
        </div>
      ) : null}
    </nav>
  );
}
