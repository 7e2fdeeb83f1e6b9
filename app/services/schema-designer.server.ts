// The schema designer's server side: what its impact review needs, and what follows an applied change.
import { loadDesignerContext, type DesignerContext } from "@runtime/workspace/designer-context.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { getRuntime } from "./runtime.server";

export type { DesignerContext };

export async function designerContext(): Promise<{ version: number; schema: WorkspaceSchema } & DesignerContext> {
  const runtime = await getRuntime();
  const { version, schema, compiled } = await runtime.workspace.current();
  return { version, schema, ...(await loadDesignerContext(runtime.db, compiled, runtime.templates)) };
}
