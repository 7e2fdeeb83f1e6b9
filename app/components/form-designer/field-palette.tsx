import { useDraggable, useDroppable } from "@dnd-kit/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { dragId, dropId, type DragSource } from "@form-designer/drop";
import { filterPalette } from "@form-designer/palette";

export interface PaletteField {
  key: string;
  label: string;
  kind: string;
}

export interface PaletteList {
  name: string;
  label: string;
}

export interface FieldPaletteProps {
  fields: PaletteField[];
  lists: PaletteList[];
  /** Keyboard and mouse fallback for dragging: put it at the end of the tab on screen. */
  onAdd(source: DragSource): void;
  /** Whether something placed is being dragged: the palette then takes it back. */
  receiving: boolean;
  /** Without dnd-kit around (component tests), items are plain rows. */
  draggable?: boolean;
}

function DragItem({
  source,
  label,
  detail,
  onAdd,
  draggable,
}: {
  source: DragSource;
  label: string;
  detail?: string;
  onAdd(): void;
  draggable: boolean;
}) {
  const { t } = useTranslation();
  return (
    <li className="fd-palette__item">
      {draggable ? <DragHandle source={source} label={label} detail={detail} /> : <span className="fd-palette__chip">{label}</span>}
      <button
        type="button"
        className="fd-icon fd-palette__add"
        aria-label={t("formDesigner.palette.add", { name: label })}
        title={t("formDesigner.palette.addTitle")}
        onClick={onAdd}
      >
        +
      </button>
    </li>
  );
}

function DragHandle({ source, label, detail }: { source: DragSource; label: string; detail?: string }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: dragId(source) });
  return (
    <button
      type="button"
      ref={setNodeRef}
      className={`fd-palette__chip${isDragging ? " is-dragging" : ""}`}
      // Starts with the text it shows (label, then key), so "click Note" in voice control finds it.
      aria-label={t("formDesigner.palette.drag", { name: `${label}${detail ? ` ${detail}` : ""}` })}
      data-drag-id={dragId(source)}
      {...attributes}
      {...listeners}
    >
      <span className="fd-handle-glyph" aria-hidden="true">
        ⠿
      </span>
      <span className="fd-palette__label">{label}</span>
      {/* The space keeps "Note static text" apart in the accessible text, as the margin does on screen. */}
      {detail ? (
        <>
          {" "}
          <span className="fd-palette__key">{detail}</span>
        </>
      ) : null}
    </button>
  );
}

function PaletteDrop({ receiving, children }: { receiving: boolean; children: React.ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: dropId({ kind: "palette" }) });
  return (
    <aside
      ref={setNodeRef}
      className={`fd-palette${receiving ? " is-receiving" : ""}${receiving && isOver ? " is-over" : ""}`}
      aria-labelledby="fd-palette-title"
      data-drop="palette"
    >
      {children}
    </aside>
  );
}

/** The table's fields the card does not show yet, searchable by label and key, plus lists and layout blocks. */
export function FieldPalette(props: FieldPaletteProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const searchId = useId();
  const draggable = props.draggable ?? true;
  const shown = filterPalette(props.fields, query);
  const body = (
    <>
      <h2 id="fd-palette-title" className="fd-palette__title">
        {t("formDesigner.palette.title")}
      </h2>
      {props.receiving ? <p className="fd-palette__drop-hint">{t("formDesigner.palette.dropHint")}</p> : null}
      <label className="fd-palette__search-label" htmlFor={searchId}>
        {t("formDesigner.palette.search")}
      </label>
      <input
        id={searchId}
        type="search"
        className="tf-input fd-palette__search"
        placeholder={t("formDesigner.palette.searchPlaceholder")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {props.fields.length === 0 ? (
        <p className="fd-muted">{t("formDesigner.palette.allPlaced")}</p>
      ) : shown.length === 0 ? (
        <p className="fd-muted" role="status">
          {t("formDesigner.palette.noMatch", { query })}
        </p>
      ) : (
        <ul className="fd-palette__list" aria-label={t("formDesigner.palette.fields")}>
          {shown.map((f) => (
            <DragItem
              key={f.key}
              source={{ kind: "field", key: f.key }}
              label={f.label}
              detail={f.key}
              draggable={draggable}
              onAdd={() => props.onAdd({ kind: "field", key: f.key })}
            />
          ))}
        </ul>
      )}
      {props.lists.length ? (
        <>
          <h3 className="fd-palette__subtitle">{t("formDesigner.palette.lists")}</h3>
          <ul className="fd-palette__list" aria-label={t("formDesigner.palette.listsLabel")}>
            {props.lists.map((l) => (
              <DragItem
                key={l.name}
                source={{ kind: "list", name: l.name }}
                label={l.label}
                detail={l.name}
                draggable={draggable}
                onAdd={() => props.onAdd({ kind: "list", name: l.name })}
              />
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="fd-palette__subtitle">{t("formDesigner.palette.layout")}</h3>
      <ul className="fd-palette__list" aria-label={t("formDesigner.palette.layoutLabel")}>
        <DragItem
          source={{ kind: "separator" }}
          label={t("formDesigner.blocks.separator")}
          draggable={draggable}
          onAdd={() => props.onAdd({ kind: "separator" })}
        />
        <DragItem
          source={{ kind: "note" }}
          label={t("formDesigner.blocks.note")}
          detail={t("formDesigner.palette.staticText")}
          draggable={draggable}
          onAdd={() => props.onAdd({ kind: "note" })}
        />
      </ul>
    </>
  );
  return draggable ? (
    <PaletteDrop receiving={props.receiving}>{body}</PaletteDrop>
  ) : (
    <aside className="fd-palette" aria-labelledby="fd-palette-title">
      {body}
    </aside>
  );
}
