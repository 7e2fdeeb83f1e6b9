import type { Editor } from "grapesjs";
import { useEffect, useRef, useState, type RefObject } from "react";
import type { DesignerSchema } from "@print-designer/designer-schema";
import { createPrintEditor, type GrapesJs } from "@print-designer/editor";
import type { PrintTemplate } from "@runtime/print/template";
import type { Words } from "@runtime/i18n/words";

export interface PrintEditorSetup {
  template: PrintTemplate;
  schema: DesignerSchema;
  /** GrapesJS, loaded by the route only when the designer opens. */
  loadGrapes(): Promise<GrapesJs>;
  /** The reader's words: the editor's blocks, types and traits speak them. */
  words: Words;
  /** Where GrapesJS draws the canvas and its panels. */
  targets: {
    canvas: RefObject<HTMLElement>;
    traits: RefObject<HTMLElement>;
    styles: RefObject<HTMLElement>;
    layers: RefObject<HTMLElement>;
  };
  /** The admin changed the design (loading it is no change). */
  onChange(): void;
  onSelect(name: string): void;
  onDeselect(): void;
}

/**
 * The GrapesJS editor of the opened template, or null while GrapesJS loads. It is made once per
 * template (its id) and destroyed when another opens or the screen goes; everything it starts from
 * or calls back is read through a ref, so a render with new callbacks or a new schema object from
 * the loader never rebuilds it and loses the admin's work.
 */
export function usePrintEditor(setup: PrintEditorSetup): { editor: Editor | null; loadError: string | null } {
  const [editor, setEditor] = useState<Editor | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const latest = useRef(setup);
  latest.current = setup;
  const templateId = setup.template.id;

  useEffect(() => {
    let cancelled = false;
    let made: Editor | null = null;
    const { template, schema, loadGrapes, targets, words } = latest.current;
    loadGrapes()
      .then((grapes) => {
        if (cancelled || !targets.canvas.current) return;
        made = createPrintEditor(
          grapes,
          {
            canvas: targets.canvas.current,
            traits: targets.traits.current!,
            styles: targets.styles.current!,
            layers: targets.layers.current!,
          },
          template,
          schema,
          words,
        );
        made.on("load", () => {
          // Loading itself fires updates; only what the admin does afterwards is a change.
          setTimeout(() => made?.on("update", () => latest.current.onChange()), 0);
        });
        made.on("component:selected", (c) =>
          latest.current.onSelect(String(c.getName?.() ?? c.get("name") ?? c.get("type") ?? words("printDesigner.panels.selected"))),
        );
        made.on("component:deselected", () => latest.current.onDeselect());
        setEditor(made);
      })
      .catch((error: Error) => setLoadError(words("printDesigner.loadFailed", { message: error.message })));
    return () => {
      cancelled = true;
      made?.destroy();
    };
  }, [templateId]);

  return { editor, loadError };
}
