export { listTrash, restoreFromTrash } from "@runtime/workspace/trash.server";
export { restoreTrashEntry, trashOverview } from "@runtime/workspace/trash-overview.server";
export type { TrashOverviewEntry } from "@runtime/workspace/trash-overview.server";
