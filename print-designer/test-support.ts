import schema from "@seeds/schema.json";
import { compileSchema } from "@runtime/schema/compile";
import type { WorkspaceSchema } from "@runtime/schema/types";

/** The shipped schema, compiled: what the designer sees on a fresh install. */
export const defaultCompiled = compileSchema(schema as unknown as WorkspaceSchema, 1);
