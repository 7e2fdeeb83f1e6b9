import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CompiledField, CompiledTable } from "@runtime/schema/compile";
import { fromFilter, toFilter } from "@runtime/views/conditions";
import type { ListField } from "@runtime/views/list-page-data";
import { FilterBuilder } from "./list/filter-builder";
import { describeTemplateCondition } from "./print-menu-items";

interface Props {
  condition: unknown;
  fields: ListField[];
  table: Pick<CompiledTable, "pluralLabel"> & { fieldsByKey: ReadonlyMap<string, CompiledField> };
  today: string;
  onChange(condition: unknown): void;
}

/**
 * When a template is offered: the list's filter builder, so admins write conditions the way they
 * filter lists. A condition written by hand that the builder cannot show is kept as JSON to edit.
 */
export function PrintConditionEditor(props: Props) {
  const { t } = useTranslation();
  const parsed = fromFilter(props.condition);
  const [json, setJson] = useState(() => (props.condition ? JSON.stringify(props.condition, null, 2) : ""));
  const [jsonError, setJsonError] = useState<string | null>(null);
  // The builder starts over from the stored condition whenever it changes from outside.
  const [builderKey, setBuilderKey] = useState(0);
  // describeTemplateCondition reads only the plural label and the fields of the table.
  const words = props.condition ? describeTemplateCondition(props.condition, props.table as CompiledTable, t) : null;

  return (
    <div className="pd-condition">
      <p className="pd-condition__now" data-testid="condition-text">
        {props.condition
          ? (words ?? t("printDesigner.condition.custom"))
          : t("printDesigner.condition.always", { table: props.table.pluralLabel.toLowerCase() })}
      </p>
      {parsed ? (
        <FilterBuilder
          key={builderKey}
          fields={props.fields}
          conditions={parsed.conditions}
          mode={parsed.mode}
          refTitles={{}}
          today={props.today}
          onApply={(conditions, mode) => {
            const next = toFilter(conditions, mode) ?? null;
            props.onChange(next);
            setJson(next ? JSON.stringify(next, null, 2) : "");
          }}
          onCancel={() => setBuilderKey((k) => k + 1)}
        />
      ) : (
        <p className="pd-hint">{t("printDesigner.condition.nested")}</p>
      )}
      <details className="pd-condition__json" open={!parsed}>
        <summary>{t("printDesigner.condition.asJson")}</summary>
        <label className="visually-hidden" htmlFor="pd-condition-json">
          {t("printDesigner.condition.jsonLabel")}
        </label>
        <textarea
          id="pd-condition-json"
          rows={6}
          spellCheck={false}
          value={json}
          onChange={(e) => setJson(e.target.value)}
          onBlur={() => {
            if (!json.trim()) {
              setJsonError(null);
              props.onChange(null);
              setBuilderKey((k) => k + 1);
              return;
            }
            try {
              props.onChange(JSON.parse(json));
              setJsonError(null);
              setBuilderKey((k) => k + 1);
            } catch (error) {
              setJsonError(t("printDesigner.condition.badJson", { error: (error as Error).message }));
            }
          }}
        />
        {jsonError ? (
          <p className="form-error" role="alert">
            {jsonError}
          </p>
        ) : null}
        <p className="pd-hint">{t("printDesigner.condition.checked")}</p>
      </details>
      <button
        type="button"
        className="button button--small button--ghost pd-condition__always"
        onClick={() => (props.onChange(null), setJson(""), setBuilderKey((k) => k + 1))}
        disabled={!props.condition}
      >
        {t("printDesigner.condition.offerAlways")}
      </button>
    </div>
  );
}
