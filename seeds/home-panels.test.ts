import { describe, expect, it } from "vitest";
import { panelProblem } from "@runtime/home/panels";
import { compileSchema } from "@runtime/schema/compile";
import { BUILTIN_ROLES } from "@runtime/auth/roles";
import { DEFAULT_CONFIGURATION } from "./default-configuration";
import { DEFAULT_HOME_PANELS } from "./home-panels";

describe("the default home panels", () => {
  const compiled = compileSchema(DEFAULT_CONFIGURATION.configuration.schema);

  it("fit the default schema: every table and field they name is there", () => {
    expect(DEFAULT_HOME_PANELS.map((p) => [p.id, panelProblem(p, compiled)])).toEqual(DEFAULT_HOME_PANELS.map((p) => [p.id, null]));
  });

  it("have unique ids and name only built-in roles", () => {
    expect(new Set(DEFAULT_HOME_PANELS.map((p) => p.id)).size).toBe(DEFAULT_HOME_PANELS.length);
    const roles = new Set(BUILTIN_ROLES.map((r) => r.key));
    for (const p of DEFAULT_HOME_PANELS) for (const role of p.roles ?? []) expect(roles.has(role), `${p.id}: ${role}`).toBe(true);
  });
});
