import type { ReactNode } from "react";

export type PanelId = "selected" | "page" | "condition" | "preview" | "layers";

export const PANELS: { id: PanelId; label: string }[] = [
  { id: "selected", label: "Element" },
  { id: "page", label: "Page" },
  { id: "condition", label: "Condition" },
  { id: "preview", label: "Preview" },
  { id: "layers", label: "Layers" },
];

/** The row of tabs above the side panels; `ids` makes the tabs' and panels' element ids unique. */
export function PanelTabs({ ids, current, onSelect }: { ids: string; current: PanelId; onSelect(id: PanelId): void }) {
  return (
    <div className="pd-tabs" role="tablist" aria-label="Panels">
      {PANELS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`${ids}-tab-${t.id}`}
          aria-selected={current === t.id}
          aria-controls={`${ids}-panel-${t.id}`}
          className="pd-tab"
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/**
 * One side panel. Hidden ones stay in the page: GrapesJS draws the traits, styles and layers into
 * them once, when the editor starts.
 */
export function TabPanel(props: { ids: string; id: PanelId; current: PanelId; className?: string; children: ReactNode }) {
  const { ids, id } = props;
  return (
    <section
      role="tabpanel"
      id={`${ids}-panel-${id}`}
      aria-labelledby={`${ids}-tab-${id}`}
      hidden={props.current !== id}
      className={props.className ?? "pd-panel"}
    >
      {props.children}
    </section>
  );
}
