export {
  elementId,
  parseElementId,
  elementAt,
  findControl,
  listElements,
  containerItems,
  type ElementPath,
  type LayoutNode,
} from "./paths";
export { moveElement, removeElement } from "./move-element";
export { placeField, placeRelatedList, setRelatedListColumns, addSeparator, addNote } from "./place-element";
export { resizeControl, setControlOptions, type ControlOverrides } from "./control-options";
export { fitRow, rowWidth, widthOf, UNSET_WIDTH } from "./row-widths";
export { addTab, renameTab, moveTab, removeTab, type RemoveTabOptions } from "./tabs";
export { addSection, renameSection, removeSection, type RemoveSectionOptions } from "./sections";
export { unplacedFields, filterPalette } from "./palette";
export { followRename, dropRemovedFields, type LayoutWithNotices } from "./schema-changes";
export { createHistory, push, undo, redo, canUndo, canRedo, HISTORY_LIMIT, type LayoutHistory } from "./history";
export { describePlace, describeGap, type NameOf } from "./describe-place";
export { setNoteText, setRelatedListLabel } from "./notes";
export {
  accepts,
  applyDrop,
  dragId,
  dropId,
  isNoop,
  parseDragId,
  parseDropId,
  placedPath,
  sameTarget,
  tabEnd,
  NEW_NOTE_TEXT,
  type DragSource,
  type DropTarget,
} from "./drop";
export { moveDestinations, type Destination } from "./destinations";
