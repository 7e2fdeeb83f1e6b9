import type { RefObject } from "react";
import { useTranslation } from "react-i18next";

interface ElementPanelProps {
  /** The selected element's name, or null when nothing is selected. */
  selectedName: string | null;
  onRemove(): void;
  /** Where GrapesJS draws the selected element's settings and its look. */
  traitsRef: RefObject<HTMLDivElement>;
  stylesRef: RefObject<HTMLDivElement>;
}

/** The selected element: its name, Remove, its settings (GrapesJS traits) and its look (style manager). */
export function ElementPanel({ selectedName, onRemove, traitsRef, stylesRef }: ElementPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      {selectedName ? (
        <div className="pd-selected">
          <h2>{selectedName}</h2>
          <button type="button" className="button button--small button--danger" onClick={onRemove}>
            {t("printDesigner.remove")}
          </button>
        </div>
      ) : (
        <p className="pd-hint">{t("printDesigner.selectHint")}</p>
      )}
      <div ref={traitsRef} className="pd-traits" data-testid="traits" />
      <h3 className="pd-subhead">{t("printDesigner.look")}</h3>
      <div ref={stylesRef} className="pd-styles" />
    </>
  );
}
