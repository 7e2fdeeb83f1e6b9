import type { RecordJson } from "../records/rows";
import { compileSchema } from "../schema/compile";
import { occurrenceOf, ruleHolds } from "./events.server";
import type { LoadedRule } from "./rules.server";
import { automationWorkspace } from "./test-workspace";
import type { RuleDefinition } from "./types";
import { compileDefinition } from "./validate";

const compiled = compileSchema(automationWorkspace(), 1);

function loaded(definition: Omit<RuleDefinition, "name" | "table" | "enabled" | "actions">): LoadedRule {
  const result = compileDefinition({ name: "r", table: "clients", enabled: true, actions: [], ...definition }, compiled);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { id: 1, name: "r", version: 1, tableId: "t_clients", enabledAt: null, compiled: result.rule };
}

const client = (values: Record<string, unknown>, version = 1) =>
  ({ id: 7, version, name: "Acme", status: "lead", ...values }) as RecordJson;

describe("which changes a rule acts on", () => {
  it("matches the trigger's kind and, for updates, only the fields it names", () => {
    const rule = loaded({ trigger: { type: "updated", fields: ["status"] } });
    expect(ruleHolds(rule, "created", null, client({}))).toBe(false);
    expect(ruleHolds(rule, "updated", client({}), client({ name: "Acme Ltd" }, 2))).toBe(false);
    expect(ruleHolds(rule, "updated", client({}), client({ status: "active" }, 2))).toBe(true);
  });

  it("evaluates the condition after the change and `previous` before it; a delete's condition on what was deleted", () => {
    const rule = loaded({
      trigger: { type: "updated" },
      condition: { field: "status", op: "eq", value: "active" },
      previous: { field: "status", op: "eq", value: "lead" },
    });
    expect(ruleHolds(rule, "updated", client({ status: "lead" }), client({ status: "active" }, 2))).toBe(true);
    expect(ruleHolds(rule, "updated", client({ status: "active" }), client({ status: "active", name: "x" }, 2))).toBe(false);
    const deleted = loaded({ trigger: { type: "deleted" }, condition: { field: "status", op: "eq", value: "active" } });
    expect(ruleHolds(deleted, "deleted", client({ status: "active" }), null)).toBe(true);
    expect(ruleHolds(deleted, "deleted", client({ status: "lead" }), null)).toBe(false);
  });

  it("names each occurrence: created, deleted, or the version an update made", () => {
    expect([occurrenceOf("created", 1), occurrenceOf("updated", 4), occurrenceOf("deleted", 4)]).toEqual(["created", "v4", "deleted"]);
  });
});
