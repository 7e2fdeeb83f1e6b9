import { useId, useState, type FormEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { sayError, type Words } from "@runtime/i18n/words";
import { useWords } from "../../i18n/use-words";
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
import { LayoutTranslationsForm } from "./layout-translations";
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

/** What every panel gets: the inspector's props and the reader's words, for what the layout operations say. */
interface PanelProps extends InspectorProps {
  words: Words;
}

/** Runs a layout operation; its error (always a sentence) goes to the designer's alert. */
function attempt(props: PanelProps, make: () => CardLayout, select?: Selection) {
  try {
    props.onChange(make(), select);
  } catch (error) {
    props.onError(sayError(error, props.words));
  }
}

function MoveTo({ props, path }: { props: PanelProps; path: ElementPath }) {
  const { t } = useTranslation();
  const id = useId();
  const options = moveDestinations(props.layout, { kind: "element", path }, props.nameOf, props.words);
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
          props.onError(sayError(error, props.words));
          return;
        }
        // The moved element stays selected where it landed, so its tab opens and it stays in view.
        const landed = placedPath(after, props.layout, { kind: "element", path });
        props.onChange(after, landed ? { kind: "element", path: landed } : null);
        setChoice("");
      }}
    >
      <label htmlFor={id}>{t("formDesigner.inspector.moveTo")}</label>
      <select id={id} className="tf-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">{t("formDesigner.inspector.chooseWhere")}</option>
        {options.map((o, i) => (
          <option key={o.label} value={i}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small" disabled={choice === ""}>
        {t("formDesigner.inspector.move")}
      </button>
    </form>
  );
}

/** Which thing the button takes off the card: its words are `formDesigner.inspector.takeOff.<what>`. */
function RemoveButton({ props, path, what }: { props: PanelProps; path: ElementPath; what: "field" | "list" | "note" | "separator" }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button button--small button--danger"
      onClick={() => attempt(props, () => removeElement(props.layout, path), null)}
    >
      {t(`formDesigner.inspector.takeOff.${what}`)}
    </button>
  );
}

function FieldPanel({ props, path, control }: { props: PanelProps; path: ElementPath; control: ControlElement }) {
  const { t } = useTranslation();
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
      <h2 className="fd-inspector__title">{field?.label ?? t("formDesigner.inspector.field")}</h2>
      <p className="fd-muted">
        <code>{field?.key}</code> · {field ? t(`fieldKinds.short.${field.kind}`) : null} ·{" "}
        {describePlace(props.layout, path, props.nameOf, props.words)}
      </p>
      <form className="fd-inspector__form" onSubmit={apply}>
        <label htmlFor={ids.label}>{t("formDesigner.inspector.labelHere")}</label>
        <input
          id={ids.label}
          className="tf-input"
          value={label}
          placeholder={field?.label}
          maxLength={120}
          onChange={(e) => setLabel(e.target.value)}
          onBlur={() => apply()}
        />
        <label htmlFor={ids.help}>{t("schemaDesigner.translations.help")}</label>
        <textarea
          id={ids.help}
          className="tf-textarea"
          rows={3}
          value={help}
          placeholder={field?.def.description ?? t("formDesigner.inspector.helpPlaceholder")}
          maxLength={500}
          onChange={(e) => setHelp(e.target.value)}
          onBlur={() => apply()}
        />
        <button type="submit" className="button button--small">
          {t("formDesigner.inspector.applyLabel")}
        </button>
      </form>
      <div className="fd-inspector__row">
        <input
          id={ids.readOnly}
          type="checkbox"
          checked={control.options?.readOnly === true}
          onChange={(e) => attempt(props, () => setControlOptions(props.layout, path, { readOnly: e.target.checked || null }))}
        />
        <label htmlFor={ids.readOnly}>{t("formDesigner.inspector.readOnly")}</label>
      </div>
      <div className="fd-inspector__row">
        <label htmlFor={ids.width}>{t("formDesigner.inspector.width")}</label>
        <select
          id={ids.width}
          className="tf-select"
          data-testid="width-select"
          value={width}
          onChange={(e) => attempt(props, () => resizeControl(props.layout, path, Number(e.target.value)))}
        >
          {widths.map((w) => (
            <option key={w} value={w}>
              {w === 12 ? t("formDesigner.inspector.fullWidth") : t("formDesigner.inspector.columns", { n: w })}
            </option>
          ))}
        </select>
      </div>
      <LayoutTranslationsForm
        layout={props.layout}
        path={path}
        designed={{ label: control.options?.label ?? field?.label, help: control.options?.help ?? field?.def.description }}
        onApply={(make) => attempt(props, make)}
      />
      <MoveTo props={props} path={path} />
      <RemoveButton props={props} path={path} what="field" />
    </>
  );
}

function ListPanel({ props, path, element }: { props: PanelProps; path: ElementPath; element: RelatedListElement }) {
  const { t } = useTranslation();
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
      <h2 className="fd-inspector__title">
        {t("formDesigner.canvas.list", { name: element.label ?? child?.pluralLabel ?? element.list })}
      </h2>
      <p className="fd-muted">
        {child
          ? t("formDesigner.inspector.listOf", {
              table: child.pluralLabel,
              field: child.fieldsByKey.get(list!.field)?.label ?? list!.field,
            })
          : t("formDesigner.inspector.listGone")}
      </p>
      <form
        className="fd-inspector__form"
        onSubmit={(e) => {
          e.preventDefault();
          attempt(props, () => setRelatedListLabel(props.layout, path, label));
        }}
      >
        <label htmlFor={labelId}>{t("formDesigner.inspector.heading")}</label>
        <input
          id={labelId}
          className="tf-input"
          value={label}
          placeholder={child?.pluralLabel}
          onChange={(e) => setLabel(e.target.value)}
        />
        <button type="submit" className="button button--small">
          {t("formDesigner.inspector.applyHeading")}
        </button>
      </form>
      <LayoutTranslationsForm
        layout={props.layout}
        path={path}
        designed={{ label: element.label ?? child?.pluralLabel }}
        onApply={(make) => attempt(props, make)}
      />
      {child && !list?.composition ? (
        <fieldset className="fd-columns">
          <legend>{t("formDesigner.inspector.columnsMax")}</legend>
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
      <RemoveButton props={props} path={path} what="list" />
    </>
  );
}

function NotePanel({ props, path, element }: { props: PanelProps; path: ElementPath; element: NoteElement }) {
  const { t } = useTranslation();
  const [text, setText] = useState(element.text);
  const id = useId();
  return (
    <>
      <h2 className="fd-inspector__title">{t("formDesigner.blocks.note")}</h2>
      <form
        className="fd-inspector__form"
        onSubmit={(e) => {
          e.preventDefault();
          attempt(props, () => setNoteText(props.layout, path, text));
        }}
      >
        <label htmlFor={id}>{t("formDesigner.inspector.noteText")}</label>
        <textarea id={id} className="tf-textarea" rows={4} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button button--small">
          {t("formDesigner.inspector.applyText")}
        </button>
      </form>
      <LayoutTranslationsForm
        layout={props.layout}
        path={path}
        designed={{ text: element.text }}
        onApply={(make) => attempt(props, make)}
      />
      <MoveTo props={props} path={path} />
      <RemoveButton props={props} path={path} what="note" />
    </>
  );
}

function SectionPanel({ props, path, element }: { props: PanelProps; path: ElementPath; element: GroupElement }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState(element.label);
  const id = useId();
  return (
    <>
      <h2 className="fd-inspector__title">{t("formDesigner.inspector.section", { name: element.label })}</h2>
      <form
        className="fd-inspector__form"
        onSubmit={(e) => {
          e.preventDefault();
          attempt(props, () => renameSection(props.layout, path, label));
        }}
      >
        <label htmlFor={id}>{t("formDesigner.inspector.sectionName")}</label>
        <input id={id} className="tf-input" value={label} maxLength={120} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" className="button button--small">
          {t("formDesigner.inspector.renameSection")}
        </button>
      </form>
      <LayoutTranslationsForm
        layout={props.layout}
        path={path}
        designed={{ label: element.label }}
        onApply={(make) => attempt(props, make)}
      />
      <MoveTo props={props} path={path} />
      <div className="fd-inspector__actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => attempt(props, () => removeSection(props.layout, path, { keepContent: true }), null)}
        >
          {t("formDesigner.inspector.removeSectionKeep")}
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => attempt(props, () => removeSection(props.layout, path), null)}
        >
          {t("formDesigner.inspector.removeSection")}
        </button>
      </div>
    </>
  );
}

function TabPanel({ props, index }: { props: PanelProps; index: number }) {
  const { t } = useTranslation();
  const layout = props.layout;
  const tab = layout.type === "Categorization" ? layout.elements[index] : undefined;
  const [label, setLabel] = useState(tab?.label ?? "");
  const id = useId();
  if (!tab || layout.type !== "Categorization") return null;
  const count = layout.elements.length;
  return (
    <>
      <h2 className="fd-inspector__title">{t("formDesigner.inspector.tab", { name: tab.label })}</h2>
      <form
        className="fd-inspector__form"
        onSubmit={(e) => {
          e.preventDefault();
          attempt(props, () => renameTab(layout, index, label));
        }}
      >
        <label htmlFor={id}>{t("formDesigner.inspector.tabName")}</label>
        <input id={id} className="tf-input" value={label} maxLength={120} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" className="button button--small">
          {t("formDesigner.inspector.renameTab")}
        </button>
      </form>
      <LayoutTranslationsForm layout={layout} path={[index]} designed={{ label: tab.label }} onApply={(make) => attempt(props, make)} />
      <div className="fd-inspector__actions">
        <button
          type="button"
          className="button button--small"
          disabled={index === 0}
          onClick={() => attempt(props, () => moveTab(layout, index, index - 1), { kind: "tab", index: index - 1 })}
        >
          {t("formDesigner.inspector.moveLeft")}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={index === count - 1}
          onClick={() => attempt(props, () => moveTab(layout, index, index + 1), { kind: "tab", index: index + 1 })}
        >
          {t("formDesigner.inspector.moveRight")}
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
            {t("formDesigner.inspector.removeTabMerge", { name: layout.elements[index - 1].label })}
          </button>
        ) : null}
        <button
          type="button"
          className="button button--small button--danger"
          disabled={count === 1}
          onClick={() => attempt(props, () => removeTab(layout, index), null)}
        >
          {t("formDesigner.inspector.removeTab")}
        </button>
      </div>
    </>
  );
}

/** The side panel: per-card overrides and actions of whatever is selected on the card. */
export function Inspector(outer: InspectorProps) {
  const { t } = useTranslation();
  const words = useWords();
  const props: PanelProps = { ...outer, words };
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
          <h2 className="fd-inspector__title">{t("formDesigner.blocks.separator")}</h2>
          <MoveTo props={props} path={selection.path} />
          <RemoveButton props={props} path={selection.path} what="separator" />
        </>
      );
  }
  return (
    <aside className="fd-inspector" aria-label={t("formDesigner.inspector.label")}>
      {body ?? (
        <div className="fd-inspector__empty">
          <h2 className="fd-inspector__title">{t("formDesigner.inspector.nothing")}</h2>
          <p className="fd-muted">{t("formDesigner.inspector.nothingHelp")}</p>
          <p className="fd-muted">
            <Trans i18nKey="formDesigner.inspector.keyboard" components={[<span key="handle" aria-hidden="true" />]} />
          </p>
        </div>
      )}
    </aside>
  );
}
