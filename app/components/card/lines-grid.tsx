import { useTranslation } from "react-i18next";
import { useRef, type KeyboardEvent, type MouseEvent } from "react";
import { fieldUis } from "@runtime/fields/ui-registry";
import type { FormatOptions } from "@runtime/fields/types";
import type { RecordRefValue } from "@runtime/fields/ui-types";
import type { CompiledField, CompiledSchema, RelatedList } from "@runtime/schema/compile";
import { emptyLine, FORM_KEYS, isComputed, lineFields, type Line } from "./card-values";
import { controlId } from "./field-control";
import { addLine, lineIntent, moveLine, removeLine } from "./line-intents";

export interface LinesGridProps {
  schema: CompiledSchema;
  list: RelatedList;
  label: string;
  /** Lines with their formulas computed. */
  lines: Line[];
  onChange(lines: Line[]): void;
  errors: Record<string, string>;
  format: FormatOptions;
  /** The record being edited: a line's money reads the invoice's currency from it. */
  parent: Record<string, unknown>;
  hydrated: boolean;
  /** A cell was changed by the user (a product picked): the card fills what `x-fill` says. */
  onPicked?(line: Line, field: CompiledField, value: unknown): void;
  /** The role may not change these lines: values shown read-only, no line actions. */
  readOnly?: boolean;
}

let nextKey = 0;
/** React keys for lines, so moving a line moves its inputs (and their focus) with it. */
export function withKey(line: Line): Line {
  return typeof line._key === "string" ? line : { ...line, _key: `line-${++nextKey}` };
}

/**
 * Composition lines (invoice items) edited inline. Every button is also a submit button carrying a
 * line intent, so the grid works without JavaScript; with it, the click is handled here.
 */
export function LinesGrid(props: LinesGridProps) {
  const { list, lines } = props;
  const { t } = useTranslation();
  const fields = lineFields(props.schema, list);
  const tableRef = useRef<HTMLTableElement>(null);

  const act = (next: Line[], focus?: string) => (event: MouseEvent) => {
    if (!props.hydrated) return;
    event.preventDefault();
    props.onChange(next);
    if (focus) requestAnimationFrame(() => document.getElementById(focus)?.focus());
  };
  const setCell = (index: number, key: string, value: unknown) =>
    props.onChange(lines.map((l, i) => (i === index ? { ...l, [key]: value } : l)));
  const firstInput = fields.find((f) => !isComputed(f));
  const onRowKey = (index: number) => (event: KeyboardEvent) => {
    if (props.readOnly || !event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    const delta = event.key === "ArrowUp" ? -1 : 1;
    const next = moveLine(lines, index, delta);
    if (next === lines) return;
    const active = document.activeElement?.id ?? "";
    props.onChange(next);
    // Focus follows the moved line: its control ids carry the new index.
    const moved = active.replace(`-${list.name}-${index}-`, `-${list.name}-${index + delta}-`);
    requestAnimationFrame(() => document.getElementById(moved)?.focus());
  };

  const moveButton = (i: number, delta: -1 | 1) => {
    const up = delta < 0;
    return (
      <button
        type="submit"
        name={FORM_KEYS.intent}
        value={lineIntent(up ? "up" : "down", list.name, i)}
        className="icon-button"
        disabled={up ? i === 0 : i === lines.length - 1}
        aria-label={t(up ? "cardForm.moveLineUp" : "cardForm.moveLineDown", { n: i + 1 })}
        title={t(up ? "cardForm.moveUp" : "cardForm.moveDown")}
        onClick={act(moveLine(lines, i, delta))}
      >
        {up ? "↑" : "↓"}
      </button>
    );
  };

  const lineError = Object.entries(props.errors).find(([k]) => k === list.name)?.[1];
  return (
    <section className="card-section card-lines" aria-label={props.label}>
      <input type="hidden" name={FORM_KEYS.list} value={list.name} />
      <div className="card-lines__head">
        <h2 className="card-section__title">{props.label}</h2>
        {props.readOnly ? null : <span className="card-lines__hint">{t("cardForm.moveHint")}</span>}
      </div>
      {lineError ? (
        <p className="card-field__error" role="alert">
          {lineError}
        </p>
      ) : null}
      <div className="card-lines__scroll">
        <table className="card-lines__table" ref={tableRef}>
          <thead>
            <tr>
              <th scope="col" className="card-lines__num">
                #
              </th>
              {fields.map((f) => (
                <th scope="col" key={f.key} className={`card-lines__col card-lines__col--${f.kind}`} title={f.label}>
                  {f.label}
                  {f.required ? (
                    <span className="card-field__required" aria-hidden="true">
                      *
                    </span>
                  ) : null}
                </th>
              ))}
              {props.readOnly ? null : (
                <th scope="col" className="card-lines__actions">
                  <span className="visually-hidden">{t("cardForm.lineActions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 ? (
              <tr>
                <td colSpan={fields.length + (props.readOnly ? 1 : 2)} className="card-lines__empty">
                  No lines yet.
                </td>
              </tr>
            ) : null}
            {lines.map((line, i) => {
              const rowErrors = fields.map((f) => props.errors[`${list.name}.${i}.${f.key}`]).filter(Boolean);
              return (
                <tr
                  key={String(line._key ?? i)}
                  onKeyDown={onRowKey(i)}
                  className={rowErrors.length ? "card-lines__row--invalid" : undefined}
                >
                  <td className="card-lines__num">
                    {i + 1}
                    <input type="hidden" name={`${list.name}.${i}.id`} value={typeof line.id === "number" ? String(line.id) : ""} />
                  </td>
                  {fields.map((f) => {
                    const name = `${list.name}.${i}.${f.key}`;
                    const id = controlId(name);
                    const error = props.errors[name];
                    const Widget = fieldUis[f.kind].Widget;
                    const expanded = (line._expanded as Record<string, RecordRefValue> | undefined)?.[f.key] ?? null;
                    return (
                      <td key={f.key} className={`card-lines__cell card-lines__cell--${f.kind}`}>
                        <label className="visually-hidden" htmlFor={id}>
                          Line {i + 1} {f.label}
                        </label>
                        <Widget
                          field={f}
                          name={name}
                          id={id}
                          value={line[f.key]}
                          onChange={(v) => {
                            setCell(i, f.key, v);
                            props.onPicked?.(line, f, v);
                          }}
                          error={error}
                          errorId={`${id}-error`}
                          readOnly={props.readOnly || isComputed(f)}
                          required={f.required}
                          record={{ ...props.parent, ...line }}
                          expanded={expanded}
                          format={props.format}
                          dense
                        />
                        {error ? (
                          <span className="card-lines__error" id={`${id}-error`}>
                            {error.replace(/^Line \d+: /, "")}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                  {props.readOnly ? null : (
                    <td className="card-lines__actions">
                      {moveButton(i, -1)}
                      {moveButton(i, 1)}
                      <button
                        type="submit"
                        name={FORM_KEYS.intent}
                        value={lineIntent("remove", list.name, i)}
                        className="icon-button icon-button--danger"
                        aria-label={t("cardForm.removeLineN", { n: i + 1 })}
                        title={t("cardForm.removeLine")}
                        onClick={act(removeLine(lines, i), "card-add-line-" + list.name)}
                      >
                        ✕
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.readOnly ? null : (
        <div className="card-lines__foot">
          <button
            type="submit"
            id={"card-add-line-" + list.name}
            name={FORM_KEYS.intent}
            value={lineIntent("add", list.name)}
            className="button button--secondary"
            onClick={act(
              addLine(lines, withKey(emptyLine(props.schema, list))),
              firstInput ? controlId(`${list.name}.${lines.length}.${firstInput.key}`) : undefined,
            )}
          >
            + Add line
          </button>
        </div>
      )}
    </section>
  );
}
