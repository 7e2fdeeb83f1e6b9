import { createContext, useContext } from "react";
import type { CompiledSchema } from "../../schema/compile";
import type { FieldUi } from "../ui-types";

export interface WorkspaceContextValue {
  schema: CompiledSchema;
  /**
   * The UI of a kind, for widgets that render other fields (a relation's create dialog). Handed in
   * by the provider, so no widget imports the UI registry that imports the widgets.
   */
  fieldUi(kind: string): FieldUi;
}

/** The compiled workspace schema, for widgets that need another table (a relation's title field). */
export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

/** Null outside a provider: widgets then offer only what needs no schema (no inline create). */
export function useWorkspace(): WorkspaceContextValue | null {
  return useContext(WorkspaceContext);
}
