import type { Editor } from "grapesjs";
import type { PaletteBlock } from "@print-designer/palette";

/**
 * The blocks, listed before GrapesJS has loaded (disabled until it has): a click adds one where
 * the admin is working, a drag places it on the page through GrapesJS's block manager.
 */
export function BlockPalette({
  blocks,
  editor,
  onAdd,
}: {
  blocks: PaletteBlock[];
  editor: Editor | null;
  onAdd(block: PaletteBlock): void;
}) {
  return (
    <nav className="pd-palette" aria-label="Blocks">
      <h2>Blocks</h2>
      <p className="pd-hint">Click to add after the selected element (a Field goes into selected text), or drag onto the page.</p>
      <ul>
        {blocks.map((b) => (
          <li key={b.id}>
            <button
              type="button"
              className="pd-block"
              draggable
              disabled={!editor}
              data-block={b.id}
              title={b.hint}
              onClick={() => onAdd(b)}
              onDragStart={(e) => {
                const block = editor?.Blocks.get(b.id);
                if (block) editor!.Blocks.startDrag(block, e.nativeEvent);
              }}
              onDragEnd={() => editor?.Blocks.endDrag(false)}
            >
              <span className="pd-block__label">{b.label}</span>
              <span className="pd-block__hint">{b.hint}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
