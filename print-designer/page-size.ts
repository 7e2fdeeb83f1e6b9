import type { PageSettings } from "@runtime/print/template";

const SIZES_MM = { A4: [210, 297], Letter: [215.9, 279.4] } as const;
const PX_PER_MM = 96 / 25.4;

/** The printable area of a page in CSS pixels: what the canvas shows, so lines break as in the PDF. */
export function contentBoxPx(page: PageSettings): { width: number; height: number } {
  const [w, h] = SIZES_MM[page.size];
  const [pw, ph] = page.orientation === "landscape" ? [h, w] : [w, h];
  return {
    width: Math.round((pw - page.margins.left - page.margins.right) * PX_PER_MM),
    height: Math.round((ph - page.margins.top - page.margins.bottom) * PX_PER_MM),
  };
}
