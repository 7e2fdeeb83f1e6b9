import type { Editor } from "grapesjs";
import type { PaletteBlock } from "@print-designer/palette";
import { useTranslation } from "react-i18next";

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
  const { t } = useTranslation();
  return (
    <nav className="pd-palette" aria-label={t("printDesigner.blocksTitle")}>
      <h2>{t("printDesigner.blocksTitle")}</h2>
      <p className="pd-hint">{t("printDesigner.blocksHint")}</p>
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
