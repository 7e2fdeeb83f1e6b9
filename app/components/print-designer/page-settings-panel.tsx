import { useId } from "react";
import { Trans, useTranslation } from "react-i18next";
import { hasPageNumbers, withPageNumbers } from "@print-designer/page-numbers";
import type { PageMargins, PageSettings } from "@runtime/print/template";

const SIDES: (keyof PageMargins)[] = ["top", "right", "bottom", "left"];

/** Paper, orientation, margins, and the header and footer Chromium prints on every page. */
export function PageSettingsPanel({ page, onChange }: { page: PageSettings; onChange(page: PageSettings): void }) {
  const { t } = useTranslation();
  const id = useId();
  const set = (patch: Partial<PageSettings>) => onChange({ ...page, ...patch });
  const setText = (key: "header" | "footer", value: string) => {
    const next = { ...page };
    if (value.trim()) next[key] = value;
    else delete next[key];
    onChange(next);
  };
  return (
    <div className="pd-page">
      <label>
        {t("printDesigner.pageSettings.paper")}
        <select value={page.size} onChange={(e) => set({ size: e.target.value as PageSettings["size"] })}>
          <option value="A4">{t("printDesigner.pageSettings.a4")}</option>
          <option value="Letter">{t("printDesigner.pageSettings.letter")}</option>
        </select>
      </label>
      <fieldset className="pd-page__orientation">
        <legend>{t("printDesigner.pageSettings.orientation")}</legend>
        {(["portrait", "landscape"] as const).map((o) => (
          <label key={o}>
            <input type="radio" name={`${id}-orientation`} checked={page.orientation === o} onChange={() => set({ orientation: o })} />{" "}
            {t(`printDesigner.pageSettings.${o}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="pd-page__margins">
        <legend>{t("printDesigner.pageSettings.margins")}</legend>
        {SIDES.map((side) => (
          <label key={side}>
            {t(`printDesigner.pageSettings.${side}`)}
            <input
              type="number"
              min={0}
              max={100}
              step={1}
              value={page.margins[side]}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (e.target.value !== "" && Number.isFinite(n))
                  set({ margins: { ...page.margins, [side]: Math.min(100, Math.max(0, n)) } });
              }}
            />
          </label>
        ))}
      </fieldset>
      {(["header", "footer"] as const).map((key) => (
        <div key={key} className="pd-page__margin-text">
          <label htmlFor={`${id}-${key}`}>{t(`printDesigner.pageSettings.${key}`)}</label>
          <textarea
            id={`${id}-${key}`}
            rows={4}
            value={page[key] ?? ""}
            spellCheck={false}
            onChange={(e) => setText(key, e.target.value)}
          />
          <button
            type="button"
            className="button button--small"
            onClick={() => setText(key, withPageNumbers(page[key]))}
            disabled={hasPageNumbers(page[key])}
          >
            {t("printDesigner.pageSettings.pageNumbers")}
          </button>
        </div>
      ))}
      <p className="pd-hint">
        <Trans
          i18nKey="printDesigner.pageSettings.hint"
          values={{ page: "{{ pageNumber }}", pages: "{{ totalPages }}" }}
          components={[<code key="page" />, <code key="pages" />]}
        />
      </p>
    </div>
  );
}
