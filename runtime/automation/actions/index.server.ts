import { runAssign } from "./assign.server";
import { runCloseTasks } from "./close-tasks.server";
import type { ActionRunners } from "./context";
import { runCreate } from "./create.server";
import { runNotify } from "./notify.server";
import { runRequestApproval } from "./request-approval.server";
import { runUpdate } from "./update.server";

/** Every action type's runner: a type without one is a compile error. */
export const actionRunners: ActionRunners = {
  create: runCreate,
  update: runUpdate,
  assign: runAssign,
  closeTasks: runCloseTasks,
  notify: runNotify,
  requestApproval: runRequestApproval,
};
