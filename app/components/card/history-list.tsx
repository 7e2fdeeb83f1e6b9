import type { FormatOptions } from "@runtime/fields/types";
import type { CompiledTable } from "@runtime/schema/compile";
import { describeHistoryEntry, HISTORY_PAGE } from "./card-history";
import type { CardHistory } from "./card-types";

export interface HistoryListProps {
  history: CardHistory;
  table: CompiledTable;
  format: FormatOptions;
  /** Query string kept by "Show older" (e.g. `tab=2`), so the History tab stays open. */
  keepQuery?: string;
  /** The record as it is now: money fields take their currency from it. */
  record?: Record<string, unknown> | null;
}

/** A card's audit trail, newest first, in sentences; older entries behind a plain link. */
export function HistoryList({ history, table, format, keepQuery, record }: HistoryListProps) {
  if (history.entries.length === 0) return <p className="card-history__empty">No changes recorded yet.</p>;
  const older = `?${keepQuery ? `${keepQuery}&` : ""}history=${history.limit + HISTORY_PAGE}`;
  return (
    <div className="card-history">
      <ol className="card-history__list" aria-label="History">
        {history.entries.map((entry) => {
          const line = describeHistoryEntry(entry, table, format, record ?? undefined);
          return (
            <li key={entry.id} className="card-history__entry">
              <strong>{line.who}</strong> {line.what} — <time dateTime={entry.at}>{line.when}</time>
            </li>
          );
        })}
      </ol>
      {history.more ? (
        <a className="card-history__older" href={older}>
          Show older
        </a>
      ) : null}
    </div>
  );
}
