import type { FieldPathOption, LineListOption } from "./field-paths";

/** What the print designer knows of the table a template prints: the values its blocks can show. */
export interface DesignerSchema {
  fieldOptions: FieldPathOption[];
  lineLists: LineListOption[];
  imageOptions: FieldPathOption[];
  /** Where the canvas can show the company's current images, by path (`company.logo`). */
  imageUrls?: Record<string, string>;
}
