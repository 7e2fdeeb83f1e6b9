import { useTranslation } from "react-i18next";
import { useEffect, useId, useState } from "react";
import { lookupRecords } from "@runtime/fields/ui/api-client";
import type { RecordRefValue } from "@runtime/fields/ui-types";

/**
 * Picks related records for a filter: type to search `/api/lookup/<target>`, click or Enter to add.
 * Chosen records show as removable tags.
 */
export function RecordPicker(props: {
  target: string;
  label: string;
  chosen: RecordRefValue[];
  multiple: boolean;
  onChange(chosen: RecordRefValue[]): void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<RecordRefValue[]>([]);
  const [failed, setFailed] = useState(false);
  const id = useId();

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      lookupRecords(props.target, q, controller.signal)
        .then((rows) => {
          setResults(rows.slice(0, 8));
          setFailed(false);
        })
        .catch((e: unknown) => {
          if ((e as Error).name !== "AbortError") setFailed(true);
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [props.target, q]);

  const add = (ref: RecordRefValue) => {
    const rest = props.multiple ? props.chosen.filter((c) => c.id !== ref.id) : [];
    props.onChange([...rest, ref]);
    setQ("");
  };

  return (
    <div className="record-picker">
      {props.chosen.map((c) => (
        <span className="chip" key={c.id}>
          {c.title}
          <button
            type="button"
            className="chip__remove"
            aria-label={t("grid.removeChosen", { title: c.title })}
            onClick={() => props.onChange(props.chosen.filter((x) => x.id !== c.id))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        id={id}
        className="input"
        type="search"
        value={q}
        placeholder={t("list.searchPlaceholder", { noun: props.label })}
        aria-label={t("list.searchLabel", { noun: props.label })}
        onChange={(e) => setQ(e.target.value)}
      />
      {failed ? <span className="record-picker__error">{t("grid.searchFailed")}</span> : null}
      {results.length > 0 ? (
        <ul className="record-picker__results" aria-label={t("grid.matching", { label: props.label })}>
          {results.map((r) => (
            <li key={r.id}>
              <button type="button" className="record-picker__option" onClick={() => add(r)}>
                {r.title}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
