import { useMemo, type ReactNode } from "react";
import type { CompiledSchema } from "../../schema/compile";
import { getFieldUi } from "../ui-registry";
import { WorkspaceContext } from "./use-workspace";

/** Gives the widgets below the compiled workspace and the UI registry (see use-workspace.ts). */
export function WorkspaceProvider(props: { schema: CompiledSchema; children: ReactNode }) {
  const value = useMemo(() => ({ schema: props.schema, fieldUi: getFieldUi }), [props.schema]);
  return <WorkspaceContext.Provider value={value}>{props.children}</WorkspaceContext.Provider>;
}
