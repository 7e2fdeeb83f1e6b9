import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { followRenamesInRule } from "./renames";
import { automationWorkspace } from "./test-workspace";
import type { RuleDefinition } from "./types";
import { definitionProblems } from "./validate";

/** The test workspace with clients.manager → account_manager, invoices.due_date → due_on, products.stock → on_hand, tasks → todos. */
function renamed(): WorkspaceSchema {
  const schema = automationWorkspace();
  const rename = (table: string, from: string, to: string) => {
    const props = schema.$defs[table].properties;
    schema.$defs[table].properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k === from ? to : k, v]));
  };
  rename("clients", "manager", "account_manager");
  rename("invoices", "due_date", "due_on");
  rename("products", "stock", "on_hand");
  schema.$defs.todos = schema.$defs.tasks;
  delete schema.$defs.tasks;
  return schema;
}

const before = compileSchema(automationWorkspace(), 1);
const after = compileSchema(renamed(), 2);

describe("rules follow renames", () => {
  it("rewrites keys by id in triggers, filters, values, paths and templates", () => {
    const rule: RuleDefinition = {
      name: "Collections",
      table: "invoices",
      enabled: true,
      trigger: { type: "date", field: "due_date", offset: { amount: 1, unit: "days" } },
      condition: { and: [{ field: "due_date", op: "lt", value: "2027-01-01" }, { not: { field: "status", op: "eq", value: "draft" } }] },
      actions: [
        {
          type: "create",
          table: "tasks",
          as: "task",
          values: { subject: "{{ record.number }} due {{ record.due_date }}", assignee: "{{ record.client.manager }}" },
        },
        { type: "update", forEach: "items", target: "line.product", values: { stock: "{{ target.stock | minus: line.quantity }}" } },
        { type: "update", target: "created.task", values: { subject: "{{ created.task.subject }} ({{ record.client.manager }})" } },
        { type: "notify", to: "client.manager, role:admin", title: "{% for line in record.items %}{{ line.product.stock }}{% endfor %}" },
      ],
    };
    expect(definitionProblems(rule, before)).toEqual([]);
    const followed = followRenamesInRule(rule, before, after);
    expect(followed).toEqual({
      ...rule,
      trigger: { type: "date", field: "due_on", offset: { amount: 1, unit: "days" } },
      condition: { and: [{ field: "due_on", op: "lt", value: "2027-01-01" }, { not: { field: "status", op: "eq", value: "draft" } }] },
      actions: [
        {
          type: "create",
          table: "todos",
          as: "task",
          values: { subject: "{{ record.number }} due {{ record.due_on }}", assignee: "{{ record.client.account_manager }}" },
        },
        { type: "update", forEach: "items", target: "line.product", values: { on_hand: "{{ target.on_hand | minus: line.quantity }}" } },
        { type: "update", target: "created.task", values: { subject: "{{ created.task.subject }} ({{ record.client.account_manager }})" } },
        {
          type: "notify",
          to: "client.account_manager, role:admin",
          title: "{% for line in record.items %}{{ line.product.on_hand }}{% endfor %}",
        },
      ],
    });
    expect(definitionProblems(followed, after)).toEqual([]);
  });

  it("leaves a rule the renames do not touch as it was", () => {
    const rule: RuleDefinition = {
      name: "Leads",
      table: "leads",
      enabled: true,
      trigger: { type: "created" },
      actions: [{ type: "assign", field: "owner", pool: { role: "staff" }, workload: { table: "leads", field: "owner" } }],
    };
    expect(followRenamesInRule(rule, before, after)).toEqual(rule);
  });
});
