import { useTranslation } from "react-i18next";
import { Form } from "@remix-run/react";
import { useState } from "react";
import type { ListField } from "@runtime/views/list-page-data";
import type { ListParams } from "@runtime/views/list-params";
import { hiddenEntries } from "./list-link";

/** Moves the item at `index` by `delta` places; out-of-range moves change nothing. */
export function moveItem<T>(items: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return items;
  const out = [...items];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item);
  return out;
}

/**
 * Checkboxes in column order inside a GET form: the form posts `cols` in the order shown, so it
 * also works without JavaScript; with it, up/down buttons reorder.
 */
export function ColumnChooser({
  fields,
  columns,
  params,
  action,
}: {
  fields: ListField[];
  columns: string[];
  params: ListParams;
  action: string;
}) {
  const { t } = useTranslation();
  const listable = fields.filter((f) => f.listable);
  const [order, setOrder] = useState<string[]>(() => [...columns, ...listable.map((f) => f.key).filter((k) => !columns.includes(k))]);
  const [shown, setShown] = useState<Set<string>>(() => new Set(columns));
  const byKey = new Map(listable.map((f) => [f.key, f]));
  return (
    <Form method="get" action={action} className="column-chooser">
      {hiddenEntries(params, ["cols", "page", "cur"]).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <ul className="column-chooser__list">
        {order.map((key, i) => {
          const field = byKey.get(key);
          if (!field) return null;
          return (
            <li key={key} className="column-chooser__item">
              <label>
                <input
                  type="checkbox"
                  name="cols"
                  value={key}
                  checked={shown.has(key)}
                  onChange={(e) =>
                    setShown((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(key);
                      else next.delete(key);
                      return next;
                    })
                  }
                />
                {field.label}
              </label>
              <span className="column-chooser__move">
                <button
                  type="button"
                  className="button button--ghost button--icon"
                  aria-label={t("columns.moveUp", { label: field.label })}
                  disabled={i === 0}
                  onClick={() => setOrder((o) => moveItem(o, i, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--ghost button--icon"
                  aria-label={t("columns.moveDown", { label: field.label })}
                  disabled={i === order.length - 1}
                  onClick={() => setOrder((o) => moveItem(o, i, 1))}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <div className="popover__actions">
        <button type="submit" className="button" disabled={shown.size === 0}>
          {t("columns.show")}
        </button>
      </div>
    </Form>
  );
}
