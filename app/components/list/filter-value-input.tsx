import type { FilterOperator } from "@runtime/fields/types";
import type { RecordRefValue } from "@runtime/fields/ui-types";
import { isListOperator, isPresenceOperator } from "@runtime/views/conditions";
import { DATE_SHORTCUT_LABELS, dateShortcutRange, type DateShortcut } from "@runtime/views/date-shortcuts";
import type { ListField } from "@runtime/views/list-page-data";
import { valueKindOf } from "./condition-text";
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

const SHORTCUTS: DateShortcut[] = ["thisMonth", "lastMonth", "thisYear"];

/** The value control fitting the field's kind and the chosen operator. */
export function FilterValueInput(props: ValueInputProps) {
  const { field, op, value } = props;
  const kind = valueKindOf(field);
  const label = `Value for ${field.label}`;
  if (isPresenceOperator(op)) return null;

  if (kind === "boolean") {
    return (
      <select
        className="input"
        aria-label={label}
        value={value === false ? "no" : "yes"}
        onChange={(e) => props.onChange(e.target.value === "yes")}
      >
        <option value="yes">yes</option>
        <option value="no">no</option>
      </select>
    );
  }

  if (kind === "select" || kind === "multiselect") {
    const options = field.def.enum ?? field.def.items?.enum ?? [];
    const labelOf = (o: string) => field.def["x-labels"]?.[o] ?? o;
    if (isListOperator(op)) {
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
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labelOf(o)}
          </option>
        ))}
      </select>
    );
  }

  if (kind === "relation") {
    return (
      <RecordPicker
        target={field.def["x-target"] ?? ""}
        label={field.label}
        chosen={props.refs}
        multiple={isListOperator(op)}
        onChange={(refs) => props.onChange(isListOperator(op) ? refs.map((r) => r.id) : refs[0]?.id, refs)}
      />
    );
  }

  const type = kind === "date" ? "date" : kind === "datetime" ? "datetime-local" : kind === "number" ? "number" : "text";
  const step = kind === "number" ? "any" : undefined;
  if (op === "between") {
    const pair = Array.isArray(value) ? value : ["", ""];
    return (
      <span className="filter-range">
        <input
          className="input"
          type={type}
          step={step}
          aria-label={`${field.label} from`}
          value={String(pair[0] ?? "")}
          onChange={(e) => props.onChange([e.target.value, pair[1] ?? ""])}
        />
        <span aria-hidden="true">–</span>
        <input
          className="input"
          type={type}
          step={step}
          aria-label={`${field.label} to`}
          value={String(pair[1] ?? "")}
          onChange={(e) => props.onChange([pair[0] ?? "", e.target.value])}
        />
        {kind === "date" ? <DateShortcuts today={props.today} onPick={(range) => props.onChange(range)} /> : null}
      </span>
    );
  }
  return (
    <span className="filter-range">
      <input
        className="input"
        type={type}
        step={step}
        aria-label={label}
        value={value === undefined || value === null ? "" : String(value)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {kind === "date" ? <DateShortcuts today={props.today} onPick={(range) => props.onOperator("between", range)} /> : null}
    </span>
  );
}

function DateShortcuts({ today, onPick }: { today: string; onPick(range: [string, string]): void }) {
  return (
    <span className="filter-shortcuts">
      {SHORTCUTS.map((s) => (
        <button key={s} type="button" className="button button--ghost button--small" onClick={() => onPick(dateShortcutRange(s, today))}>
          {DATE_SHORTCUT_LABELS[s]}
        </button>
      ))}
    </span>
  );
}
