import type { Editor } from "grapesjs";
import type { PageSettings } from "@runtime/print/template";
import { CANVAS_CSS } from "../canvas-css";
import { contentBoxPx } from "../page-size";
import { DESIGNER_BASE_CSS } from "../starter";
import type { PrintPlugin } from "./options";

export const SET_PAGE = "tpl:set-page";

declare module "grapesjs" {
  interface CommandRegistryRun {
    [SET_PAGE]: (options: { page: PageSettings }) => void;
  }
}

/** The canvas is the printable area of the page, so text wraps where it will in the PDF. */
function applyPageSize(editor: Editor, page: PageSettings) {
  const { width, height } = contentBoxPx(page);
  const dm = editor.Devices;
  const device = dm.get("page");
  if (device) device.set({ width: `${width}px` });
  else dm.add({ id: "page", name: "Page", width: `${width}px` });
  dm.select("page");
  const body = editor.Canvas.getBody();
  if (body) body.style.minHeight = `${height}px`;
  fitCanvas(editor, width);
}

/**
 * A page wider than the stage (landscape, or beside the wide preview panel) is shown smaller
 * rather than cut off. GrapesJS scales around the stage's centre but keeps such a frame at
 * left 0, so the page would start centred and run off the right edge: it is shifted back by
 * half the overhang (in unscaled pixels) so it sits in the middle.
 */
function fitCanvas(editor: Editor, pageWidth: number) {
  const stage = editor.getContainer()?.clientWidth ?? 0;
  if (!stage) return;
  const zoom = Math.max(40, Math.min(100, Math.floor(((stage - 32) / pageWidth) * 100)));
  editor.Canvas.setZoom(zoom);
  // setCoords takes screen pixels and divides them by the zoom.
  editor.Canvas.setCoords((Math.min(0, stage - pageWidth) / 2) * (zoom / 100), 0);
}

/**
 * The page in the canvas: once loaded, the canvas gets the designer's base CSS (what Chromium
 * prints with) and its own (chips, outlines), and is sized to the page the template opens on;
 * `tpl:set-page` resizes it when the page settings or the stage change.
 */
export const pageSettings: PrintPlugin = (editor, { page }) => {
  editor.Commands.add(SET_PAGE, (ed: Editor, _sender: unknown, options: { page: PageSettings }) => applyPageSize(ed, options.page));
  editor.on("load", () => {
    const doc = editor.Canvas.getDocument();
    if (!doc) return;
    const style = doc.createElement("style");
    style.setAttribute("data-tessera", "canvas");
    style.textContent = `${DESIGNER_BASE_CSS}\n${CANVAS_CSS}`;
    doc.head.prepend(style);
    applyPageSize(editor, page);
  });
};
