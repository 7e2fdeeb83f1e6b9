import { useId } from "react";
import { hasPageNumbers, withPageNumbers } from "@print-designer/page-numbers";
import type { PageMargins, PageSettings } from "@runtime/print/template";

const SIDES: (keyof PageMargins)[] = ["top", "right", "bottom", "left"];

/** Paper, orientation, margins, and the header and footer Chromium prints on every page. */
export function PageSettingsPanel({ page, onChange }: { page: PageSettings; onChange(page: PageSettings): void }) {
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
        Paper
        <select value={page.size} onChange={(e) => set({ size: e.target.value as PageSettings["size"] })}>
          <option value="A4">A4 (210 × 297 mm)</option>
          <option value="Letter">US Letter (8.5 × 11 in)</option>
        </select>
      </label>
      <fieldset className="pd-page__orientation">
        <legend>Orientation</legend>
        {(["portrait", "landscape"] as const).map((o) => (
          <label key={o}>
            <input type="radio" name={`${id}-orientation`} checked={page.orientation === o} onChange={() => set({ orientation: o })} />{" "}
            {o === "portrait" ? "Portrait" : "Landscape"}
          </label>
        ))}
      </fieldset>
      <fieldset className="pd-page__margins">
        <legend>Margins (mm)</legend>
        {SIDES.map((side) => (
          <label key={side}>
            {side[0].toUpperCase() + side.slice(1)}
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
          <label htmlFor={`${id}-${key}`}>{key === "header" ? "Header on every page" : "Footer on every page"}</label>
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
            Add page numbers
          </button>
        </div>
      ))}
      <p className="pd-hint">
        Header and footer are HTML with Liquid; <code>{"{{ pageNumber }}"}</code> and <code>{"{{ totalPages }}"}</code> are filled in on
        each page. They print in the margins, so leave the top or bottom margin at 12 mm or more.
      </p>
    </div>
  );
}
