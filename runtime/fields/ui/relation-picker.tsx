import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { USERS_TABLE } from "../../schema/types";
import type { FieldWidgetProps, RecordRefValue } from "../ui-types";
import { createRecord, lookupRecords } from "./api-client";
import { errorAria } from "./aria";
import { classNames } from "./class-names";
import { CreateRecordDialog } from "./create-record-dialog";
import { useWorkspace } from "./use-workspace";

/** Typing pauses this long before a search goes out; a newer keystroke aborts the older request. */
export const SEARCH_DELAY_MS = 200;

type PickerOption = { type: "record"; row: RecordRefValue } | { type: "create"; text: string };

/** `expanded` carries the title only when it describes the current id. */
export function currentRef(value: unknown, expanded: RecordRefValue | null | undefined): RecordRefValue | null {
  const id = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : null;
  if (id === null) return null;
  return { id, title: expanded && expanded.id === id && expanded.title ? expanded.title : `#${id}` };
}

export function recordHref(target: string, id: number): string {
  return `/t/${encodeURIComponent(target)}/${id}`;
}

interface DialogState {
  values: Record<string, unknown>;
  fieldErrors: Record<string, string>;
  message?: string;
  busy: boolean;
}

/**
 * A combobox (WAI-ARIA 1.2) over `GET /api/lookup/<target>`. The visible input carries no name: the
 * hidden input posts the id, so a card saved without JavaScript keeps the link it had.
 */
export function RelationPicker(props: FieldWidgetProps) {
  const { t } = useTranslation();
  const target = props.field.def["x-target"] ?? "";
  const workspace = useWorkspace();
  const targetTable = target !== USERS_TABLE ? workspace?.schema.tablesByKey.get(target) : undefined;
  const titleField = targetTable?.titleField ?? null;
  const canCreate = titleField !== null && !props.readOnly;

  const [selected, setSelected] = useState<RecordRefValue | null>(() => currentRef(props.value, props.expanded));
  const [text, setText] = useState(() => selected?.title ?? "");
  const [query, setQuery] = useState<string | null>(null);
  const [rows, setRows] = useState<RecordRefValue[]>([]);
  const [loading, setLoading] = useState(false);
  const [active, setActive] = useState(-1);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const lastValue = useRef<unknown>(props.value);
  const baseId = useId();
  const listboxId = `${baseId}-listbox`;
  const open = query !== null;

  // A value set from outside (a reload, a copied line) replaces the selection; our own echo does not.
  useEffect(() => {
    if (Object.is(props.value, lastValue.current)) return;
    lastValue.current = props.value;
    const ref = currentRef(props.value, props.expanded);
    setSelected(ref);
    setText(ref?.title ?? "");
  }, [props.value, props.expanded]);

  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      lookupRecords(target, query, controller.signal)
        .then((found) => {
          setRows(found);
          setActive(found.length > 0 ? 0 : -1);
          setProblem(undefined);
          setLoading(false);
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setRows([]);
          setProblem(error instanceof Error ? `Search failed: ${error.message}` : "Search failed");
          setLoading(false);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, target]);

  const typed = (query ?? "").trim();
  const options: PickerOption[] = rows.map((row) => ({ type: "record", row }));
  if (canCreate && typed !== "" && !loading && !rows.some((row) => row.title.toLowerCase() === typed.toLowerCase())) {
    options.push({ type: "create", text: typed });
  }
  const optionId = (index: number) => `${baseId}-option-${index}`;

  function emit(ref: RecordRefValue | null) {
    setSelected(ref);
    setText(ref?.title ?? "");
    setQuery(null);
    setActive(-1);
    lastValue.current = ref?.id ?? null;
    props.onChange(ref?.id ?? null);
  }

  async function create(values: Record<string, unknown>) {
    if (!titleField || !targetTable) return;
    setDialog((d) => (d ? { ...d, busy: true } : d));
    try {
      const result = await createRecord(target, values);
      if (result.ok) {
        setDialog(null);
        const title = result.record[titleField];
        emit({
          id: result.record.id,
          title: typeof title === "string" && title !== "" ? title : String(values[titleField] ?? `#${result.record.id}`),
        });
      } else if (result.status === 422) {
        setQuery(null);
        setDialog({ values, fieldErrors: result.fieldErrors, message: result.message, busy: false });
      } else {
        setDialog((d) => (d ? { ...d, busy: false, message: result.message } : d));
        setProblem(`Could not create: ${result.message}`);
      }
    } catch (error) {
      setDialog((d) => (d ? { ...d, busy: false } : d));
      setProblem(`Could not create: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function choose(option: PickerOption) {
    if (option.type === "record") emit(option.row);
    else if (titleField) {
      // Never create on a keystroke: Enter on "Create …" opens the quick-create dialog, where the
      // user sees what will be created, adds the required fields and confirms.
      setQuery(null);
      setDialog({ values: { [titleField]: option.text }, fieldErrors: {}, busy: false });
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (props.readOnly) return;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!open) {
          setQuery(text === selected?.title ? "" : text);
          return;
        }
        if (options.length === 0) return;
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((i) => (i < 0 ? (step > 0 ? 0 : options.length - 1) : (i + step + options.length) % options.length));
        return;
      }
      case "Enter":
        // With the list open, Enter picks; it must not submit the card underneath.
        if (!open) return;
        event.preventDefault();
        if (active >= 0 && active < options.length) choose(options[active]);
        return;
      case "Escape":
        if (open) {
          event.preventDefault();
          setQuery(null);
        } else {
          setText(selected?.title ?? "");
        }
        return;
    }
  }

  function onBlur() {
    setQuery(null);
    if (text.trim() === "" && selected) emit(null);
    else setText(selected?.title ?? "");
  }

  const aria = errorAria(props, problem !== undefined);
  const activeOption = open && active >= 0 && active < options.length ? optionId(active) : undefined;
  return (
    <span className={classNames("tf-combobox", props.dense && "tf-combobox--dense")}>
      <input
        type="text"
        id={props.id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listboxId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption}
        autoComplete="off"
        value={text}
        readOnly={props.readOnly}
        required={props.required}
        placeholder={props.readOnly ? undefined : t("search.placeholder")}
        title={problem}
        onChange={(event) => {
          setText(event.target.value);
          setQuery(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        className={classNames("tf-input", "tf-combobox__input", props.dense && "tf-input--dense")}
        {...aria}
      />
      <input type="hidden" name={props.name} value={selected ? String(selected.id) : ""} />
      {selected && target !== USERS_TABLE ? (
        <a className="tf-open-link" href={recordHref(target, selected.id)} title={`Open ${selected.title}`}>
          open
        </a>
      ) : null}
      <ul role="listbox" id={listboxId} className="tf-listbox" hidden={!open} aria-busy={loading || undefined}>
        {options.map((option, index) => (
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- a combobox option: the input's arrows and Enter choose it (aria-activedescendant)
          <li
            key={option.type === "record" ? `r${option.row.id}` : "create"}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={classNames(
              "tf-listbox__option",
              index === active && "tf-listbox__option--active",
              option.type === "create" && "tf-listbox__option--create",
            )}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            onMouseEnter={() => setActive(index)}
          >
            {option.type === "record" ? option.row.title : `Create “${option.text}”`}
          </li>
        ))}
        {open && !loading && options.length === 0 ? (
          <li role="presentation" className="tf-listbox__empty">
            {problem ?? "No matches"}
          </li>
        ) : null}
      </ul>
      <span className="tf-sr-only" aria-live="polite">
        {open && !loading ? `${rows.length} ${rows.length === 1 ? "match" : "matches"}` : ""}
      </span>
      {dialog && targetTable && workspace ? (
        <CreateRecordDialog
          table={targetTable}
          fieldUi={workspace.fieldUi}
          values={dialog.values}
          fieldErrors={dialog.fieldErrors}
          message={dialog.message}
          busy={dialog.busy}
          format={props.format}
          onChange={(values) => setDialog((d) => (d ? { ...d, values } : d))}
          onSubmit={() => void create(dialog.values)}
          onCancel={() => setDialog(null)}
        />
      ) : null}
    </span>
  );
}
