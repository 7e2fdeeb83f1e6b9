import { useState } from "react";
import type { RecordRefValue } from "@runtime/fields/ui-types";
import type { CardLayout, ControlElement, RelatedListElement } from "@runtime/layouts/types";
import type { CompiledSchema, CompiledTable } from "@runtime/schema/compile";
import { FieldControl } from "../card/field-control";
import { LayoutView } from "../card/layout-view";
import { controlKey } from "@runtime/layouts/scope";

export interface PreviewCardProps {
  layout: CardLayout;
  table: CompiledTable;
  compiled: CompiledSchema;
  record: Record<string, unknown>;
}

/** The designed card filled with one record's values, read-only: the card's own components. */
export function PreviewCard({ layout, table, compiled, record }: PreviewCardProps) {
  const [tab, setTab] = useState(0);
  const expanded = (record._expanded ?? {}) as Record<string, RecordRefValue>;
  const control = (c: ControlElement) => {
    const key = controlKey(c);
    const field = table.fieldsByKey.get(key);
    if (!field) return null;
    return (
      <FieldControl
        key={key}
        field={field}
        name={`preview-${key}`}
        value={record[key] ?? null}
        onChange={() => undefined}
        record={record}
        expanded={expanded[key] ?? null}
        format={{ locale: "en-US" }}
        label={c.options?.label}
        help={c.options?.help}
        readOnly
        width={c.options?.width}
      />
    );
  };
  const relatedList = (el: RelatedListElement) => {
    const list = table.lists.find((l) => l.name === el.list);
    const child = list ? compiled.tablesByKey.get(list.table) : undefined;
    const lines = Array.isArray(record[el.list]) ? (record[el.list] as unknown[]).length : null;
    return (
      <section className="card-section card-related">
        <h2 className="card-section__title">{el.label ?? child?.pluralLabel ?? el.list}</h2>
        <p className="card-related__empty">
          {lines !== null
            ? `${lines} line${lines === 1 ? "" : "s"} on this record.`
            : `The ${child?.pluralLabel.toLowerCase() ?? el.list} of this record are listed here on the real card.`}
        </p>
      </section>
    );
  };
  return (
    <div className="fd-preview" aria-label="Preview with a record">
      <LayoutView layout={layout} render={{ control, relatedList }} tab={tab} onTab={setTab} hydrated />
    </div>
  );
}
