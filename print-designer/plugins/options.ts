import type { Plugin } from "grapesjs";
import type { PageSettings } from "@runtime/print/template";
import type { DesignerSchema } from "../designer-schema";

/** What every plugin of the print editor is handed: the values of the table, and the page it opens on. */
export interface PrintEditorOptions {
  schema: DesignerSchema;
  page: PageSettings;
}

/** A GrapesJS plugin in its documented form, `(editor, opts) => void`. */
export type PrintPlugin = Plugin<PrintEditorOptions>;
