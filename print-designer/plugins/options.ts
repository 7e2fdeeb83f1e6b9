import type { Plugin } from "grapesjs";
import type { PageSettings } from "@runtime/print/template";
import type { DesignerSchema } from "../designer-schema";
import type { Words } from "@runtime/i18n/words";

/**
 * What every plugin of the print editor is handed: the values of the table, the page it opens on,
 * and the designer's words (its reader's language) for names, traits and hints.
 */
export interface PrintEditorOptions {
  schema: DesignerSchema;
  page: PageSettings;
  words: Words;
}

/** A GrapesJS plugin in its documented form, `(editor, opts) => void`. */
export type PrintPlugin = Plugin<PrintEditorOptions>;
