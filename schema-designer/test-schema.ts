import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { validateWorkspaceSchema } from "@runtime/schema/validate-workspace";

const seed = JSON.parse(readFileSync(join(__dirname, "..", "seeds", "schema.json"), "utf8")) as WorkspaceSchema;

/** A fresh copy of the seed workspace schema for each test. */
export function seedSchema(): WorkspaceSchema {
  return structuredClone(seed);
}

/** Problems as `path: message` lines, empty when valid: a readable failure in `expect`. */
export function problemsOf(schema: WorkspaceSchema): string[] {
  const result = validateWorkspaceSchema(schema);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}
