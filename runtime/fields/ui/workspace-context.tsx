import { createContext, useContext, type ReactNode } from "react";
import type { CompiledSchema } from "../../schema/compile";

export interface WorkspaceContextValue {
  schema: CompiledSchema;
}

/** The compiled workspace schema, for widgets that need another table (a relation's title field). */
export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function WorkspaceProvider(props: { schema: CompiledSchema; children: ReactNode }) {
  return <WorkspaceContext.Provider value={{ schema: props.schema }}>{props.children}</WorkspaceContext.Provider>;
}

/** Null outside a provider: widgets then offer only what needs no schema (no inline create). */
export function useWorkspace(): WorkspaceContextValue | null {
  return useContext(WorkspaceContext);
}
