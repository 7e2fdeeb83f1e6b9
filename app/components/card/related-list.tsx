import { fieldUis } from "@runtime/fields/ui-registry";
import type { FormatOptions } from "@runtime/fields/types";
import type { RecordRefValue } from "@runtime/fields/ui-types";
import type { CompiledSchema, RelatedList } from "@runtime/schema/compile";

export interface RelatedListViewProps {
  schema: CompiledSchema;
  list: RelatedList;
  label?: string;
  parentId: number;
  rows: Record<string, unknown>[];
  total: number;
  columns: string[];
  format: FormatOptions;
  /** The role may create records of the listed table; without it there is no "+ Add". */
  mayCreate?: boolean;
}

/** Records of another table pointing here: a compact table, each title opening its card. */
export function RelatedListView(props: RelatedListViewProps) {
  const child = props.schema.tablesByKey.get(props.list.table);
  if (!child) return null;
  const columns = props.columns.map((k) => child.fieldsByKey.get(k)).filter((f) => f !== undefined);
  const label = props.label ?? child.pluralLabel;
  const headingId = `related-${props.list.name}`;
  const addHref = `/t/${child.key}/new?${encodeURIComponent(props.list.field)}=${props.parentId}`;
  const listHref = `/t/${child.key}?filter=${encodeURIComponent(JSON.stringify({ field: props.list.field, op: "eq", value: props.parentId }))}`;
  return (
    <section className="card-section card-related" aria-labelledby={headingId}>
      <div className="card-related__head">
        <h2 className="card-section__title" id={headingId}>
          {label} <span className="card-related__count">{props.total}</span>
        </h2>
        {props.mayCreate === false ? null : (
          <a className="button button--secondary button--small" href={addHref}>
            + Add {child.label.toLowerCase()}
          </a>
        )}
      </div>
      {props.rows.length === 0 ? (
        <p className="card-related__empty">No {child.pluralLabel.toLowerCase()} yet.</p>
      ) : (
        <table className="card-related__table">
          <thead>
            <tr>
              {columns.map((f) => (
                <th scope="col" key={f.key}>
                  {f.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => {
              const expanded = (row._expanded ?? {}) as Record<string, RecordRefValue>;
              return (
                <tr key={String(row.id)}>
                  {columns.map((f, i) => {
                    const Cell = fieldUis[f.kind].Cell;
                    const cell = (
                      <Cell field={f} value={row[f.key]} record={row} expanded={expanded[f.key] ?? null} format={props.format} />
                    );
                    return (
                      <td key={f.key} className={`card-related__cell--${f.kind}`}>
                        {i === 0 ? (
                          <a href={`/t/${child.key}/${String(row.id)}`}>
                            {row[f.key] === null || row[f.key] === "" ? `${child.label} #${String(row.id)}` : cell}
                          </a>
                        ) : (
                          cell
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {props.total > props.rows.length ? (
        <p className="card-related__more">
          <a href={listHref}>
            Show all {props.total} {child.pluralLabel.toLowerCase()}
          </a>
        </p>
      ) : null}
    </section>
  );
}
