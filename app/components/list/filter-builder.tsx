import { useTranslation } from "react-i18next";
import { useId, useState } from "react";
import { valueClassOf } from "@runtime/fields/registry";
import type { FilterOperator } from "@runtime/fields/types";
import type { RecordRefValue } from "@runtime/fields/ui-types";
import { isListOperator, isPresenceOperator, MAX_CONDITIONS, type Condition, type ConditionMode } from "@runtime/views/conditions";
import type { ListField } from "@runtime/views/list-page-data";
import { operatorLabel } from "./condition-text";
import { FilterValueInput, initialFilterValue } from "./filter-value-input";

interface Draft {
  field: string;
  op: FilterOperator;
  value: unknown;
  refs: RecordRefValue[];
}

export function initialValue(field: ListField, op: FilterOperator): unknown {
  if (isPresenceOperator(op)) return undefined;
  if (isListOperator(op)) return [];
  if (op === "between") return ["", ""];
  return initialFilterValue(field);
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== "";

/** A draft the service can take; unfinished rows are skipped rather than sent half-done. */
export function isComplete(d: { op: FilterOperator; value: unknown }): boolean {
  if (isPresenceOperator(d.op)) return true;
  if (d.op === "between") return Array.isArray(d.value) && d.value.length === 2 && d.value.every(filled);
  if (isListOperator(d.op)) return Array.isArray(d.value) && d.value.length > 0;
  return filled(d.value);
}

export interface FilterBuilderProps {
  fields: ListField[];
  conditions: Condition[];
  mode: ConditionMode;
  refTitles: Record<string, string>;
  today: string;
  onApply(conditions: Condition[], mode: ConditionMode): void;
  onCancel(): void;
}

/** Conditions as rows of field → operator → value, joined by AND or, for the whole group, OR. */
export function FilterBuilder(props: FilterBuilderProps) {
  const { t } = useTranslation();
  const filterable = props.fields.filter((f) => f.operators.length > 0);
  const byKey = new Map(filterable.map((f) => [f.key, f]));
  const idBase = useId();
  const [mode, setMode] = useState<ConditionMode>(props.mode);
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    props.conditions.map((c) => {
      const ids = Array.isArray(c.value) ? c.value : [c.value];
      const refs = ids
        .filter((id) => props.refTitles[`${c.field}:${String(id)}`])
        .map((id) => ({ id: Number(id), title: props.refTitles[`${c.field}:${String(id)}`] }));
      return { field: c.field, op: c.op, value: c.value, refs };
    }),
  );

  const update = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const addRow = () => {
    const field = filterable[0];
    if (!field) return;
    const op = field.operators[0];
    setDrafts((ds) => [...ds, { field: field.key, op, value: initialValue(field, op), refs: [] }]);
  };
  const apply = () => {
    const complete = drafts.filter(isComplete).map(({ field, op, value }) => (value === undefined ? { field, op } : { field, op, value }));
    props.onApply(complete, mode);
  };

  return (
    <div className="filter-builder" role="group" aria-label={t("filters.builder")}>
      {drafts.length === 0 ? <p className="filter-builder__empty">{t("filters.noConditions")}</p> : null}
      <fieldset className="filter-builder__mode" disabled={drafts.length < 2}>
        <legend className="visually-hidden">{t("filters.match")}</legend>
        <label>
          <input type="radio" name={`${idBase}-mode`} checked={mode === "and"} onChange={() => setMode("and")} /> {t("filters.matchAll")}
        </label>
        <label>
          <input type="radio" name={`${idBase}-mode`} checked={mode === "or"} onChange={() => setMode("or")} /> {t("filters.matchAny")}
        </label>
      </fieldset>
      <ol className="filter-builder__rows">
        {drafts.map((d, i) => {
          const field = byKey.get(d.field);
          if (!field) return null;
          const valueClass = valueClassOf(field.def);
          return (
            <li className="filter-row" key={i}>
              <span className="filter-row__join" aria-hidden="true">
                {i === 0 ? t("filters.where") : mode === "and" ? t("filters.and") : t("filters.or")}
              </span>
              <select
                className="input"
                aria-label={t("filters.fieldOf", { n: i + 1 })}
                value={d.field}
                onChange={(e) => {
                  const f = byKey.get(e.target.value)!;
                  update(i, { field: f.key, op: f.operators[0], value: initialValue(f, f.operators[0]), refs: [] });
                }}
              >
                {filterable.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                  </option>
                ))}
              </select>
              <select
                className="input"
                aria-label={t("filters.operatorOf", { n: i + 1 })}
                value={d.op}
                onChange={(e) => {
                  const op = e.target.value as FilterOperator;
                  update(i, { op, value: initialValue(field, op), refs: [] });
                }}
              >
                {field.operators.map((op) => (
                  <option key={op} value={op}>
                    {operatorLabel(op, valueClass, t)}
                  </option>
                ))}
              </select>
              <FilterValueInput
                field={field}
                op={d.op}
                value={d.value}
                refs={d.refs}
                today={props.today}
                idBase={`${idBase}-${i}`}
                onChange={(value, refs) => update(i, { value, ...(refs ? { refs } : {}) })}
                onOperator={(op, value) => update(i, { op, value })}
              />
              <button
                type="button"
                className="button button--ghost button--icon"
                aria-label={t("filters.removeCondition", { n: i + 1 })}
                onClick={() => setDrafts((ds) => ds.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <div className="filter-builder__actions">
        <button
          type="button"
          className="button button--ghost"
          onClick={addRow}
          disabled={drafts.length >= MAX_CONDITIONS || filterable.length === 0}
        >
          {t("filters.addCondition")}
        </button>
        <span className="spacer" />
        <button type="button" className="button button--ghost" onClick={props.onCancel}>
          {t("filters.cancel")}
        </button>
        <button type="button" className="button" onClick={apply}>
          {t("filters.applyFilters")}
        </button>
      </div>
    </div>
  );
}
