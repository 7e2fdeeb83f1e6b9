import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import { valueClassOf } from "@runtime/fields/registry";
import type { FilterOperator, ValueClass } from "@runtime/fields/types";
import type { RecordRefValue } from "@runtime/fields/ui-types";
import { isListOperator, isPresenceOperator } from "@runtime/views/conditions";
import { dateShortcutRange, type DateShortcut } from "@runtime/views/date-shortcuts";
import type { ListField } from "@runtime/views/list-page-data";
import { RecordPicker } from "./record-picker";

export interface ValueInputProps {
  field: ListField;
  op: FilterOperator;
  value: unknown;
  /** Titles of chosen related records, kept while the builder is open. */
  refs: RecordRefValue[];
  today: string;
  idBase: string;
  onChange(value: unknown, refs?: RecordRefValue[]): void;
  onOperator(op: FilterOperator, value: unknown): void;
}

type ValueEditor = (props: ValueInputProps & { label: string }) => ReactNode;

const SHORTCUTS: DateShortcut[] = ["thisMonth", "lastMonth", "thisYear"];

/** The control a condition's value takes, by what the field's values are (react-jsonschema-form's widget map). */
const EDITORS: Record<ValueClass, ValueEditor> = {
  text: (props) => <TypedValue {...props} type="text" />,
  number: (props) => <TypedValue {...props} type="number" step="any" />,
  date: (props) => <TypedValue {...props} type="date" shortcuts />,
  datetime: (props) => <TypedValue {...props} type="datetime-local" />,
  boolean: YesNo,
  option: Options,
  options: Options,
  reference: (props) => (
    <RecordPicker
      target={props.field.def["x-target"] ?? ""}
      label={props.field.label}
      chosen={props.refs}
      multiple={isListOperator(props.op)}
      onChange={(refs) => props.onChange(isListOperator(props.op) ? refs.map((r) => r.id) : refs[0]?.id, refs)}
    />
  ),
  // Files are only ever empty or not: a presence operator takes no value.
  file: (props) => <TypedValue {...props} type="text" />,
};

/** What a new condition's value starts as, before anything is picked: a yes/no starts at yes. */
const INITIAL: Partial<Record<ValueClass, unknown>> = { boolean: true };

export function initialFilterValue(field: ListField): unknown {
  return INITIAL[valueClassOf(field.def)] ?? "";
}

/** The value control fitting the field's values and the chosen operator. */
export function FilterValueInput(props: ValueInputProps) {
  const { t } = useTranslation();
  if (isPresenceOperator(props.op)) return null;
  const Editor = EDITORS[valueClassOf(props.field.def)];
  return <Editor {...props} label={t("filters.valueFor", { field: props.field.label })} />;
}

function YesNo(props: ValueInputProps & { label: string }) {
  const { t } = useTranslation();
  return (
    <select
      className="input"
      aria-label={props.label}
      value={props.value === false ? "no" : "yes"}
      onChange={(e) => props.onChange(e.target.value === "yes")}
    >
      <option value="yes">{t("filters.yes")}</option>
      <option value="no">{t("filters.no")}</option>
    </select>
  );
}

function Options(props: ValueInputProps & { label: string }) {
  const { t } = useTranslation();
  const { field, value, label } = props;
  const options = field.def.enum ?? field.def.items?.enum ?? [];
  const labelOf = (o: string) => field.def["x-labels"]?.[o] ?? o;
  if (isListOperator(props.op)) {
    const chosen = Array.isArray(value) ? value.map(String) : [];
    return (
      <fieldset className="filter-options">
        <legend className="visually-hidden">{label}</legend>
        {options.map((o) => (
          <label key={o} className="filter-options__item">
            <input
              type="checkbox"
              checked={chosen.includes(o)}
              onChange={(e) => props.onChange(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))}
            />
            {labelOf(o)}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <select
      className="input"
      aria-label={label}
      value={typeof value === "string" ? value : ""}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="">{t("filters.choose")}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {labelOf(o)}
        </option>
      ))}
    </select>
  );
}

/** A typed value, or a from–to pair for "between"; a date offers this month, last month and this year. */
function TypedValue(props: ValueInputProps & { label: string; type: string; step?: string; shortcuts?: boolean }) {
  const { field, value, type, step } = props;
  const { t } = useTranslation();
  if (props.op === "between") {
    const pair = Array.isArray(value) ? value : ["", ""];
    return (
      <span className="filter-range">
        <input
          className="input"
          type={type}
          step={step}
          aria-label={t("filters.from", { field: field.label })}
          value={String(pair[0] ?? "")}
          onChange={(e) => props.onChange([e.target.value, pair[1] ?? ""])}
        />
        <span aria-hidden="true">–</span>
        <input
          className="input"
          type={type}
          step={step}
          aria-label={t("filters.to", { field: field.label })}
          value={String(pair[1] ?? "")}
          onChange={(e) => props.onChange([pair[0] ?? "", e.target.value])}
        />
        {props.shortcuts ? <DateShortcuts today={props.today} onPick={(range) => props.onChange(range)} /> : null}
      </span>
    );
  }
  return (
    <span className="filter-range">
      <input
        className="input"
        type={type}
        step={step}
        aria-label={props.label}
        value={value === undefined || value === null ? "" : String(value)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.shortcuts ? <DateShortcuts today={props.today} onPick={(range) => props.onOperator("between", range)} /> : null}
    </span>
  );
}

function DateShortcuts({ today, onPick }: { today: string; onPick(range: [string, string]): void }) {
  const { t } = useTranslation();
  return (
    <span className="filter-shortcuts">
      {SHORTCUTS.map((s) => (
        <button key={s} type="button" className="button button--ghost button--small" onClick={() => onPick(dateShortcutRange(s, today))}>
          {t(`filters.shortcuts.${s}`)}
        </button>
      ))}
    </span>
  );
}
