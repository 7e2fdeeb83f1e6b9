import { useId, useState, type FormEvent } from "react";
import { setControlOptions, resizeControl } from "@form-designer/control-options";
import { describePlace, type NameOf } from "@form-designer/describe-place";
import { moveDestinations } from "@form-designer/destinations";
import { placedPath } from "@form-designer/drop";
import { moveElement, removeElement } from "@form-designer/move-element";
import { setNoteText, setRelatedListLabel } from "@form-designer/notes";
import { elementAt, type ElementPath } from "@form-designer/paths";
import { setRelatedListColumns } from "@form-designer/place-element";
import { widthOf } from "@form-designer/row-widths";
import { removeSection, renameSection } from "@form-designer/sections";
import { moveTab, removeTab, renameTab } from "@form-designer/tabs";
import type { CardLayout, ControlElement, GroupElement, NoteElement, RelatedListElement } from "@runtime/layouts/types";
import type { CompiledSchema, CompiledTable } from "@runtime/schema/compile";
import { relatedColumns } from "../card/related-columns";
import { WIDTH_PRESETS, type Selection } from "./designer-context";
import { controlKey } from "@runtime/layouts/scope";

export interface InspectorProps {
  layout: CardLayout;
  selection: Selection;
  table: CompiledTable;
  compiled: CompiledSchema;
  nameOf: NameOf;
  /** A new layout from one of the pure operations, or the reason it could not be made. */
  onChange(layout: CardLayout, select?: Selection): void;
  onError(message: string): void;
  onSelect(selection: Selection): void;
}

/** Runs a layout operation; its error (always a sentence) goes to the designer's alert. */
function attempt(props: InspectorProps, make: () => CardLayout, select?: Selection) {
  try {
    props.onChange(make(), select);
  } catch (error) {
    props.onError((error as Error).message);
  }
}

function MoveTo({ props, path }: { props: InspectorProps; path: ElementPath }) {
  const id = useId();
  const options = moveDestinations(props.layout, { kind: "element", path }, props.nameOf);
  const [choice, setChoice] = useState("");
  if (options.length === 0) return null;
  return (
    <form
      className="fd-inspector__row"
      onSubmit={(e) => {
        e.preventDefault();
        const to = options[Number(choice)];
        if (!to) return;
        let after: CardLayout;
        try {
          after = moveElement(props.layout, path, to.at);
        } catch (error) {
          props.onError((error as Error).message);
          return;
        }
        // The moved element stays selected where it landed, so its tab opens and it stays in view.
        const landed = placedPath(after, props.layout, { kind: "element", path });
        props.onChange(after, landed ? { kind: "element", path: landed } : null);
        setChoice("");
      }}
    >
      <label htmlFor={id}>Move to…</label>
      <select id={id} className="tf-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">Choose where</option>
        {options.map((o, i) => (
          <option key={o.label} value={i}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small" disabled={choice === ""}>
        Move
      </button>
    </form>
  );
}

function RemoveButton({ props, path, what }: { props: InspectorProps; path: ElementPath; what: string }) {
  return (
    <button
      type="button"
      className="button button--small button--danger"
      onClick={() => attempt(props, () => removeElement(props.layout, path), null)}
    >
      Take {what} off the card
    </button>
  );
}

function FieldPanel({ props, path, control }: { props: InspectorProps; path: ElementPath; control: ControlElement }) {
  const field = props.table.fieldsByKey.get(controlKey(control));
  const [label, setLabel] = useState(control.options?.label ?? "");
  const [help, setHelp] = useState(control.options?.help ?? "");
  const ids = { label: useId(), help: useId(), width: useId(), readOnly: useId() };
  const width = widthOf(control);
  const widths = [...new Set([...WIDTH_PRESETS, width])].sort((a, b) => a - b);
  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    if (label === (control.options?.label ?? "") && help === (control.options?.help ?? "")) return;
    attempt(props, () => setControlOptions(props.layout, path, { label: label.trim() || null, help: help.trim() || null }));
  };
  return (
    <>
      <h2 className="fd-inspector__title">{field?.label ?? "Field"}</h2>
      <p className="fd-muted">
        <code>{field?.key}</code> · {field?.kind} · {describePlace(props.layout, path, props.nameOf)}
      </p>
      <form className="fd-inspector__form" onSubmit={apply}>
        <label htmlFor={ids.label}>Label on this card</label>
        <input
          id={ids.label}
          className="tf-input"
          value={label}
          placeholder={field?.label}
          maxLength={120}
          onChange={(e) => setLabel(e.target.value)}
          onBlur={() => apply()}
        />
        <label htmlFor={ids.help}>Help text</label>
        <textarea
          id={ids.help}
          className="tf-textarea"
          rows={3}
          value={help}
          placeholder={field?.def.description ?? "Shown under the field"}
          maxLength={500}
          onChange={(e) => setHelp(e.target.value)}
          onBlur={() => apply()}
        />
        <button type="submit" className="button button--small">
          Apply label and help
        </button>
      </form>
      <div className="fd-inspector__row">
        <input
          id={ids.readOnly}
          type="checkbox"
          checked={control.options?.readOnly === true}
          onChange={(e) => attempt(props, () => setControlOptions(props.layout, path, { readOnly: e.target.checked || null }))}
        />
        <label htmlFor={ids.readOnly}>Read-only on this card</label>
      </div>
      <div className="fd-inspector__row">
        <label htmlFor={ids.width}>Width</label>
        <select
          id={ids.width}
          className="tf-select"
          data-testid="width-select"
          value={width}
          onChange={(e) => attempt(props, () => resizeControl(props.layout, path, Number(e.target.value)))}
        >
          {widths.map((w) => (
            <option key={w} value={w}>
              {w === 12 ? "12 columns (full width)" : `${w} columns`}
            </option>
          ))}
        </select>
      </div>
      <MoveTo props={props} path={path} />
      <RemoveButton props={props} path={path} what="this field" />
    </>
  );
}

function ListPanel({ props, path, element }: { props: InspectorProps; path: ElementPath; element: RelatedListElement }) {
  const list = props.table.lists.find((l) => l.name === element.list);
  const child = list ? props.compiled.tablesByKey.get(list.table) : undefined;
  const [label, setLabel] = useState(element.label ?? "");
  const labelId = useId();
  const shown = child && list ? relatedColumns(child, list.field, element.columns) : [];
  const shownIds = shown.map((k) => child!.fieldsByKey.get(k)!.id);
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...shownIds, id] : shownIds.filter((c) => c !== id);
    attempt(props, () =>
      setRelatedListColumns(props.layout, path, child ? child.fields.filter((f) => next.includes(f.id)).map((f) => f.id) : next),
    );
  };
  return (
    <>
      <h2 className="fd-inspector__title">List: {element.label ?? child?.pluralLabel ?? element.list}</h2>
      <p className="fd-muted">
        {child
          ? `${child.pluralLabel} whose ${child.fieldsByKey.get(list!.field)?.label ?? list!.field} is this record`
          : "This list no longer exists"}
      </p>
      <form
        className="fd-inspector__form"
        onSubmit={(e) => {
          e.preventDefault();
          attempt(props, () => setRelatedListLabel(props.layout, path, label));
        }}
      >
        <label htmlFor={labelId}>Heading</label>
        <input
          id={labelId}
          className="tf-input"
          value={label}
          placeholder={child?.pluralLabel}
          onChange={(e) => setLabel(e.target.value)}
        />
        <button type="submit" className="button button--small">
          Apply heading
        </button>
      </form>
      {child && !list?.composition ? (
        <fieldset className="fd-columns">
          <legend>Columns (at most 12)</legend>
          {child.fields
            .filter((f) => f.key !== list!.field)
            .map((f) => (
              <label key={f.id} className="fd-columns__option">
                <input
                  type="checkbox"
                  checked={shownIds.includes(f.id)}
                  disabled={!shownIds.includes(f.id) && shownIds.length >= 12}
                  onChange={(e) => toggle(f.id, e.target.checked)}
                />
                {f.label}
              </label>
            ))}
        </fieldset>
      ) : null}
      <MoveTo props={props} path={path} />
      <RemoveButton props={props} path={path} what="this list" />
    </>
  );
}

function NotePanel({ props, path, element }: { props: InspectorProps; path: ElementPath; element: NoteElement }) {
  const [text, setText] = useState(element.text);
  const id = useId();
  return (
    <>
      <h2 className="fd-inspector__title">Note</h2>
      <form
        className="fd-inspector__form"
        onSubmit={(e) => {
          e.preventDefault();
          attempt(props, () => setNoteText(props.layout, path, text));
        }}
      >
        <label htmlFor={id}>Text staff read on the card</label>
        <textarea id={id} className="tf-textarea" rows={4} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button button--small">
          Apply text
        </button>
      </form>
      <MoveTo props={props} path={path} />
      <RemoveButton props={props} path={path} what="this note" />
    </>
  );
}

function SectionPanel({ props, path, element }: { props: InspectorProps; path: ElementPath; element: GroupElement }) {
  const [label, setLabel] = useState(element.label);
  const id = useId();
  return (
    <>
      <h2 className="fd-inspector__title">Section: {element.label}</h2>
      <form
        className="fd-inspector__form"
        onSubmit={(e) => {
          e.preventDefault();
          attempt(props, () => renameSection(props.layout, path, label));
        }}
      >
        <label htmlFor={id}>Section name</label>
        <input id={id} className="tf-input" value={label} maxLength={120} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" className="button button--small">
          Rename section
        </button>
      </form>
      <MoveTo props={props} path={path} />
      <div className="fd-inspector__actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => attempt(props, () => removeSection(props.layout, path, { keepContent: true }), null)}
        >
          Remove section, keep its fields
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => attempt(props, () => removeSection(props.layout, path), null)}
        >
          Remove section and its fields
        </button>
      </div>
    </>
  );
}

function TabPanel({ props, index }: { props: InspectorProps; index: number }) {
  const layout = props.layout;
  const tab = layout.type === "Categorization" ? layout.elements[index] : undefined;
  const [label, setLabel] = useState(tab?.label ?? "");
  const id = useId();
  if (!tab || layout.type !== "Categorization") return null;
  const count = layout.elements.length;
  return (
    <>
      <h2 className="fd-inspector__title">Tab: {tab.label}</h2>
      <form
        className="fd-inspector__form"
        onSubmit={(e) => {
          e.preventDefault();
          attempt(props, () => renameTab(layout, index, label));
        }}
      >
        <label htmlFor={id}>Tab name</label>
        <input id={id} className="tf-input" value={label} maxLength={120} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" className="button button--small">
          Rename tab
        </button>
      </form>
      <div className="fd-inspector__actions">
        <button
          type="button"
          className="button button--small"
          disabled={index === 0}
          onClick={() => attempt(props, () => moveTab(layout, index, index - 1), { kind: "tab", index: index - 1 })}
        >
          ← Move left
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={index === count - 1}
          onClick={() => attempt(props, () => moveTab(layout, index, index + 1), { kind: "tab", index: index + 1 })}
        >
          Move right →
        </button>
      </div>
      <div className="fd-inspector__actions">
        {index > 0 ? (
          <button
            type="button"
            className="button button--small"
            disabled={count === 1}
            onClick={() => attempt(props, () => removeTab(layout, index, { contentTo: "previous" }), null)}
          >
            Remove tab, move its content to “{layout.elements[index - 1].label}”
          </button>
        ) : null}
        <button
          type="button"
          className="button button--small button--danger"
          disabled={count === 1}
          onClick={() => attempt(props, () => removeTab(layout, index), null)}
        >
          Remove tab and its fields
        </button>
      </div>
    </>
  );
}

/** The side panel: per-card overrides and actions of whatever is selected on the card. */
export function Inspector(props: InspectorProps) {
  const { selection, layout } = props;
  let body: JSX.Element | null = null;
  let key = "none";
  if (selection?.kind === "tab") {
    key = `tab-${selection.index}-${JSON.stringify(layout.type === "Categorization" ? layout.elements[selection.index]?.label : "")}`;
    body = <TabPanel key={key} props={props} index={selection.index} />;
  } else if (selection?.kind === "element") {
    let node;
    try {
      node = elementAt(layout, selection.path);
    } catch {
      node = undefined;
    }
    key = `${selection.path.join(".")}-${JSON.stringify(node)}`;
    if (node?.type === "Control") body = <FieldPanel key={key} props={props} path={selection.path} control={node} />;
    else if (node?.type === "RelatedList") body = <ListPanel key={key} props={props} path={selection.path} element={node} />;
    else if (node?.type === "Note") body = <NotePanel key={key} props={props} path={selection.path} element={node} />;
    else if (node?.type === "Group") body = <SectionPanel key={key} props={props} path={selection.path} element={node} />;
    else if (node?.type === "Separator")
      body = (
        <>
          <h2 className="fd-inspector__title">Separator</h2>
          <MoveTo props={props} path={selection.path} />
          <RemoveButton props={props} path={selection.path} what="this separator" />
        </>
      );
  }
  return (
    <aside className="fd-inspector" aria-label="Selected element">
      {body ?? (
        <div className="fd-inspector__empty">
          <h2 className="fd-inspector__title">Nothing selected</h2>
          <p className="fd-muted">
            Click a field, list, note or section on the card to change its label, help text, width or place. Click the open tab again to
            rename or move it.
          </p>
          <p className="fd-muted">
            Keyboard: focus a <span aria-hidden="true">⠿</span> handle, press Space, move with the arrow keys, Space again to drop (Escape
            cancels). Shift+←/→ on a field's handle narrows or widens it.
          </p>
        </div>
      )}
    </aside>
  );
}
