import { ApiError } from "../errors";
import type { CompiledTable } from "../schema/compile";

export type RecordAction = "read" | "create" | "update" | "delete" | "print";

/** Who is asking. Every records-service call carries one. */
export interface Actor {
  id: number | null;
  name: string;
  role: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: "Tessera", role: "system" };

/**
 * The one place that decides whether an actor may do something to a table. Every records-service
 * call goes through it, so roles and row scopes added here reach lists, cards, prints and the API
 * alike. For now everyone may do everything.
 */
export function authorize(actor: Actor, action: RecordAction, table: CompiledTable): void {
  if (!actor) throw new ApiError(401, `sign in to ${action} ${table.pluralLabel}`);
}
