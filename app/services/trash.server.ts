export { listTrash, restoreFromTrash } from "../../runtime/workspace/trash.server";
