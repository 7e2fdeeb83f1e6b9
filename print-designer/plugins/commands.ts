import type { Component, ComponentDefinition, Editor } from "grapesjs";
import type { ElementDefinition } from "../block-content";
import { insertionPoint } from "../insertion-point";
import { placementOf } from "../palette";
import { withBaseCss } from "../starter";
import type { PrintPlugin } from "./options";

export const INSERT_BLOCK = "tpl:insert-block";
export const REMOVE_SELECTED = "tpl:remove-selected";
export const EXPORT_TEMPLATE = "tpl:export-template";

/** What a save sends: the HTML with Liquid, the CSS, and the project data to reopen it exactly. */
export interface ExportedTemplate {
  html: string;
  css: string;
  project: unknown;
}

declare module "grapesjs" {
  // Typed `editor.runCommand(…)` for our commands (GrapesJS's command registry is open to plugins).
  interface CommandRegistryRun {
    [INSERT_BLOCK]: (options: { blockId: string }) => Component | undefined;
    [REMOVE_SELECTED]: () => boolean;
    [EXPORT_TEMPLATE]: () => ExportedTemplate;
  }
}

/**
 * Adds a block of the palette where the admin is working (see `insertionPoint`), or at the end of
 * the page, and selects it.
 */
function insertBlock(editor: Editor, blockId: string): Component | undefined {
  const content = editor.Blocks.get(blockId)?.getContent() as ElementDefinition | undefined;
  if (!content) return undefined;
  const { into, at } = insertionPoint(editor.getSelected(), editor.getWrapper()!, placementOf(content));
  const made = into.append(content as ComponentDefinition, at === undefined ? {} : { at })?.[0];
  if (made) editor.select(made);
  return made;
}

/** Removes the selected element; the page itself stays. */
function removeSelected(editor: Editor): boolean {
  const selected = editor.getSelected();
  if (!selected || selected === editor.getWrapper()) return false;
  selected.remove();
  return true;
}

function exportTemplate(editor: Editor): ExportedTemplate {
  return {
    html: editor.getWrapper()!.getInnerHTML(),
    css: withBaseCss(editor.getCss({ keepUnusedStyles: true, avoidProtected: true }) ?? ""),
    project: editor.getProjectData(),
  };
}

/** What the designer screen asks of the editor, by command id. */
export const commands: PrintPlugin = (editor) => {
  editor.Commands.add(INSERT_BLOCK, (ed: Editor, _sender: unknown, { blockId }: { blockId: string }) => insertBlock(ed, blockId));
  editor.Commands.add(REMOVE_SELECTED, (ed: Editor) => removeSelected(ed));
  editor.Commands.add(EXPORT_TEMPLATE, (ed: Editor) => exportTemplate(ed));
};
