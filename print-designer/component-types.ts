/**
 * The names of our GrapesJS component types. They are stored in every saved design's project
 * data, so a name, once shipped, never changes.
 */
export const TYPE = {
  field: "tpl-field",
  liquid: "tpl-raw",
  lines: "tpl-lines",
  image: "tpl-image",
  pageBreak: "tpl-page-break",
  columns: "tpl-columns",
  column: "tpl-column",
  totals: "tpl-totals",
  requisites: "tpl-requisites",
} as const;
