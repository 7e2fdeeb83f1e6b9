import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-locale";
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
  const { t } = useTranslation();
  const locale = useLocale();
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
        format={{ locale }}
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
            ? t("formDesigner.preview.lines", { count: lines })
            : t("formDesigner.preview.listed", { table: child?.pluralLabel.toLowerCase() ?? el.list })}
        </p>
      </section>
    );
  };
  return (
    <div className="fd-preview" aria-label={t("formDesigner.preview.label")}>
      <LayoutView layout={layout} render={{ control, relatedList }} tab={tab} onTab={setTab} hydrated />
    </div>
  );
}
