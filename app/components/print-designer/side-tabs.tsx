import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type PanelId = "selected" | "page" | "condition" | "preview" | "layers";

/** The panels in order; each tab's label is `printDesigner.panels.<id>`. */
export const PANELS: PanelId[] = ["selected", "page", "condition", "preview", "layers"];

/** The row of tabs above the side panels; `ids` makes the tabs' and panels' element ids unique. */
export function PanelTabs({ ids, current, onSelect }: { ids: string; current: PanelId; onSelect(id: PanelId): void }) {
  const { t } = useTranslation();
  return (
    <div className="pd-tabs" role="tablist" aria-label={t("printDesigner.panels.label")}>
      {PANELS.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`${ids}-tab-${id}`}
          aria-selected={current === id}
          aria-controls={`${ids}-panel-${id}`}
          className="pd-tab"
          onClick={() => onSelect(id)}
        >
          {t(`printDesigner.panels.${id}`)}
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
