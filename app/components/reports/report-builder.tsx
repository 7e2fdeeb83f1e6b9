import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BuilderField, BuilderTable } from "@runtime/reports/builder-fields";
import { DATE_BUCKETS, MAX_MEASURES, MEASURE_OPS, type DateBucket, type MeasureOp, type ReportSpec } from "@runtime/reports/spec";
import type { ReportColumn } from "@runtime/reports/run.server";
import { fromFilter, toFilter } from "@runtime/views/conditions";
import type { ListField } from "@runtime/views/list-page-data";
import { describeCondition } from "../list/condition-text";
import { FilterBuilder } from "../list/filter-builder";

/**
 * The controls of a report: table, up to two groupings (dates by a bucket), measures, the list's
 * filter builder, sort and limit. Every change is handed up at once: the page runs the report
 * again and the figures follow what was chosen.
 */

export interface ReportBuilderProps {
  tables: BuilderTable[];
  spec: ReportSpec;
  columns: ReportColumn[];
  filterFields: ListField[];
  today: string;
  /** What the money can be shown in (exchange rates convert it); empty: the choice is not offered. */
  currencies: string[];
  onChange(spec: ReportSpec): void;
}

export function ReportBuilder({ tables, spec, columns, filterFields, today, currencies, onChange }: ReportBuilderProps) {
  const { t } = useTranslation();
  const [filtering, setFiltering] = useState(false);
  const table = tables.find((t) => t.key === spec.table) ?? tables[0];
  const fieldOf = (path: string) => table?.fields.find((f) => f.path === path);
  const groupable = table?.fields.filter((f) => f.groupable) ?? [];
  const measurable = table?.fields.filter((f) => f.measurable) ?? [];
  const set = (patch: Partial<ReportSpec>) => onChange({ ...spec, ...patch });
  const conditions = fromFilter(spec.filter ?? null) ?? { conditions: [], mode: "and" as const };

  const setGroup = (i: number, path: string, bucket?: DateBucket) => {
    const groups = [...spec.groupBy];
    const field = fieldOf(path);
    if (!path || !field) groups.splice(i);
    else groups[i] = { field: path, ...(field.dated ? { bucket: bucket ?? "month" } : {}) };
    // A sort by a column that is gone would be refused: it goes with it.
    set({ groupBy: groups, sort: undefined });
  };
  const setMeasure = (i: number, op: MeasureOp, field?: string) => {
    const measures = [...spec.measures];
    measures[i] = op === "count" ? { op } : { op, field: field ?? measurable[0]?.path };
    set({ measures, sort: undefined });
  };

  return (
    // The table it builds on: the page draws a new choice after the address has changed.
    <div className="report-builder" role="group" aria-label={t("reports.definition")} data-table={spec.table}>
      <label className="report-builder__item">
        <span>{t("reports.table")}</span>
        <select
          className="input"
          value={spec.table}
          onChange={(e) => onChange({ table: e.target.value, groupBy: [], measures: [{ op: "count" }] })}
        >
          {tables.map((t) => (
            <option key={t.key} value={t.key}>
              {t.pluralLabel}
            </option>
          ))}
        </select>
      </label>

      {[0, 1].map((i) =>
        i === 0 || spec.groupBy[0] ? (
          <GroupPicker
            key={i}
            index={i}
            fields={groupable.filter((f) => !spec.groupBy.some((g, j) => j !== i && g.field === f.path))}
            value={spec.groupBy[i]}
            field={spec.groupBy[i] ? fieldOf(spec.groupBy[i].field) : undefined}
            onChange={(path, bucket) => setGroup(i, path, bucket)}
          />
        ) : null,
      )}

      <fieldset className="report-builder__item report-builder__measures">
        <legend>{t("reports.measures")}</legend>
        {spec.measures.map((m, i) => (
          <div className="report-builder__measure" key={i}>
            <select
              className="input"
              aria-label={t("reports.measureN", { n: i + 1 })}
              value={m.op}
              onChange={(e) => setMeasure(i, e.target.value as MeasureOp, m.field)}
            >
              {MEASURE_OPS.filter((op) => op === "count" || measurable.length > 0).map((op) => (
                <option key={op} value={op}>
                  {t(`reports.op.${op}`)}
                </option>
              ))}
            </select>
            {m.op !== "count" ? (
              <select
                className="input"
                aria-label={t("reports.measureField", { n: i + 1 })}
                value={m.field}
                onChange={(e) => setMeasure(i, m.op, e.target.value)}
              >
                {measurable.map((f) => (
                  <option key={f.path} value={f.path}>
                    {f.label}
                  </option>
                ))}
              </select>
            ) : null}
            {spec.measures.length > 1 ? (
              <button
                type="button"
                className="button button--ghost button--icon"
                aria-label={t("reports.removeMeasure", { n: i + 1 })}
                onClick={() => set({ measures: spec.measures.filter((_, j) => j !== i), sort: undefined })}
              >
                ×
              </button>
            ) : null}
          </div>
        ))}
        {spec.measures.length < MAX_MEASURES && measurable.length > 0 ? (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => {
              const next = measurable.find((f) => !spec.measures.some((m) => m.op === "sum" && m.field === f.path));
              if (next) set({ measures: [...spec.measures, { op: "sum", field: next.path }] });
            }}
          >
            {t("reports.addMeasure")}
          </button>
        ) : null}
      </fieldset>

      <div className="report-builder__item">
        <span>{t("reports.filter")}</span>
        <div className="report-builder__filter">
          {conditions.conditions.length ? (
            <span className="muted">
              {conditions.conditions
                .map((c) =>
                  describeCondition(
                    c,
                    filterFields.find((x) => x.key === c.field),
                    {},
                    t,
                  ),
                )
                .join(` ${conditions.mode === "and" ? t("filters.and") : t("filters.or")} `)}
            </span>
          ) : (
            <span className="muted">{t("reports.allRecords", { records: table?.pluralLabel.toLowerCase() ?? "" })}</span>
          )}
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setFiltering((v) => !v)}
            aria-expanded={filtering}
          >
            {filtering ? t("reports.closeFilter") : t("reports.editFilter")}
          </button>
        </div>
      </div>

      <label className="report-builder__item">
        <span>{t("reports.sort")}</span>
        <select
          className="input"
          value={spec.sort?.[0] ?? ""}
          onChange={(e) => set({ sort: e.target.value ? [e.target.value] : undefined })}
        >
          <option value="">{t("reports.byGroups")}</option>
          {columns.flatMap((c) => [
            <option key={c.key} value={`-${c.key}`}>
              {t("reports.highestFirst", { label: c.label })}
            </option>,
            <option key={`${c.key}+`} value={c.key}>
              {t("reports.lowestFirst", { label: c.label })}
            </option>,
          ])}
        </select>
      </label>
      {currencies.length > 1 || spec.currency ? (
        <label className="report-builder__item">
          <span>{t("reports.moneyIn")}</span>
          <select
            className="input"
            value={spec.currency ?? ""}
            onChange={(e) => set({ currency: e.target.value || undefined, sort: undefined })}
          >
            <option value="">{t("reports.eachCurrency")}</option>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {t("reports.converted", { currency: c })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="report-builder__item report-builder__limit">
        <span>{t("reports.showAtMost")}</span>
        <input
          className="input"
          type="number"
          inputMode="numeric"
          min={1}
          max={5000}
          value={spec.limit ?? 1000}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 5000) set({ limit: n });
          }}
        />
      </label>

      {filtering ? (
        <div className="report-builder__filter-panel">
          <FilterBuilder
            key={JSON.stringify(spec.filter ?? null)}
            fields={filterFields}
            conditions={conditions.conditions}
            mode={conditions.mode}
            refTitles={{}}
            today={today}
            onApply={(list, mode) => {
              setFiltering(false);
              set({ filter: toFilter(list, mode) ?? undefined });
            }}
            onCancel={() => setFiltering(false)}
          />
        </div>
      ) : null}
    </div>
  );
}

function GroupPicker(props: {
  index: number;
  fields: BuilderField[];
  value: { field: string; bucket?: DateBucket } | undefined;
  field: BuilderField | undefined;
  onChange(path: string, bucket?: DateBucket): void;
}) {
  const { index, fields, value, field } = props;
  const { t } = useTranslation();
  return (
    <div className="report-builder__item">
      <label htmlFor={`report-group-${index}`}>{index === 0 ? t("reports.groupBy") : t("reports.thenBy")}</label>
      <div className="report-builder__pair">
        <select id={`report-group-${index}`} className="input" value={value?.field ?? ""} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{index === 0 ? t("reports.nothingTotal") : t("reports.nothing")}</option>
          {fields.map((f) => (
            <option key={f.path} value={f.path}>
              {f.label}
            </option>
          ))}
        </select>
        {field?.dated ? (
          <select
            className="input"
            aria-label={t("reports.bucketOf", { n: index + 1 })}
            value={value?.bucket ?? "month"}
            onChange={(e) => props.onChange(value!.field, e.target.value as DateBucket)}
          >
            {DATE_BUCKETS.filter((b) => b !== "aging" || field.dateOnly).map((b) => (
              <option key={b} value={b}>
                {t(`reports.by.${b}`)}
              </option>
            ))}
          </select>
        ) : null}
      </div>
    </div>
  );
}
