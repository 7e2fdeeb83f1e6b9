/** Styles of the canvas only (chips, badges, outlines): never part of the exported template. */
export const CANVAS_CSS = `
/* A chip is longer than the value it stands for ("Company › Address line 1"): it wraps, and a page
   that still does not fit scrolls instead of being cut off. */
body { overflow-x: auto; }
.tpl-chip, .tpl-logic { max-width: 100%; overflow-wrap: anywhere; }
.tpl-chip { display: inline-block; padding: 0 4px; margin: 0 1px; border-radius: 3px; background: #e9effc; color: #1b45a3; border: 1px solid #b8c8ef; font-size: 0.92em; line-height: 1.35; cursor: default; }
.tpl-logic { display: inline-block; margin: 1px 2px; padding: 0 4px; border: 1px dashed #c4cad3; border-radius: 3px; background: #f4f5f7; color: #59636e; font: 10px/1.5 ui-monospace, Menlo, Consolas, monospace; }
[data-tpl-raw] { outline: 1px dashed #9fb3dd; outline-offset: 1px; }
div[data-tpl-raw] { display: block; }
.tpl-page-break { position: relative; height: 0; margin: 5mm 0; border-top: 2px dashed #b42318; }
.tpl-page-break::after { content: "Page break"; position: absolute; right: 0; top: -8px; padding: 0 4px; background: #fff; color: #b42318; font: 10px/14px system-ui, sans-serif; }
.tpl-image-placeholder { display: inline-flex; align-items: center; justify-content: center; min-width: 32mm; min-height: 12mm; padding: 2mm; border: 1px dashed #9aa4b0; border-radius: 3px; color: #59636e; font: 11px system-ui, sans-serif; }
.tpl-image img { display: block; max-height: 18mm; max-width: 50mm; }
table.tpl-lines caption { caption-side: top; text-align: left; padding-bottom: 2px; color: #2456c7; font: 10px/1.4 system-ui, sans-serif; }
table.tpl-lines tr.tpl-ghost td { opacity: 0.45; }
.tpl-columns > .tpl-column:empty, .tpl-column:empty { outline: 1px dashed #c4cad3; min-height: 10mm; }
`;
