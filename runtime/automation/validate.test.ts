import { compileSchema } from "../schema/compile";
import { automationWorkspace } from "./test-workspace";
import { compileDefinition, definitionProblems } from "./validate";
import type { RuleDefinition } from "./types";

const compiled = compileSchema(automationWorkspace(), 1);

const collections: RuleDefinition = {
  name: "Collections",
  table: "invoices",
  enabled: true,
  trigger: { type: "date", field: "due_date", offset: { amount: 1, unit: "days" } },
  condition: {
    and: [
      { field: "status", op: "eq", value: "issued" },
      { field: "balance", op: "gt", value: 0 },
    ],
  },
  actions: [
    {
      type: "create",
      table: "tasks",
      as: "task",
      values: {
        subject: "Collect payment of {{ record.number }}",
        assignee: "{{ record.client.manager }}",
        due: "{{ now | add_days: 2 }}",
      },
    },
    { type: "notify", to: "client.manager", title: "{{ record.number }} is overdue" },
  ],
};

describe("rule definitions", () => {
  it("accepts a well-formed rule and compiles its date field and condition", () => {
    expect(definitionProblems(collections, compiled)).toEqual([]);
    const result = compileDefinition(collections, compiled);
    expect(result.ok && result.rule.dateField).toEqual({ key: "due_date", withTime: false });
    expect(result.ok && result.rule.condition).not.toBeNull();
  });

  it("names the place of each shape problem and what to do about it", () => {
    const problems = definitionProblems(
      {
        ...collections,
        trigger: { type: "date", field: "due_date" },
        actions: [{ type: "create", table: "tasks", values: {}, colour: "red" }],
      },
      compiled,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "/trigger", message: 'needs "offset"' }),
        expect.objectContaining({ path: "/actions/0", message: expect.stringContaining('"colour" is not part of this part of a rule') }),
      ]),
    );
    expect(definitionProblems({ ...collections, trigger: { type: "hourly" } }, compiled)[0]).toMatchObject({ path: "/trigger/type" });
  });

  it("checks tables, fields, filters and templates against the schema", () => {
    const problems = definitionProblems(
      {
        ...collections,
        trigger: { type: "date", field: "status", offset: { amount: 1, unit: "days" } },
        condition: { field: "balanse", op: "gt", value: 0 },
        actions: [
          { type: "create", table: "tasks", values: { subject: "{{ record.number ", total: "1", due: "soon" } },
          { type: "create", table: "invoices", values: { number: "X" } },
          { type: "update", target: "client", values: { nickname: "x" } },
          { type: "assign", field: "client" },
          { type: "notify", to: "client.name", title: "hi" },
          { type: "requestApproval", steps: [{ approver: "role:admin" }], message: "ok?" },
        ],
      },
      compiled,
    );
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath["/trigger/field"]).toMatch(/not a date or date-time field/);
    expect(byPath["/condition"]).toMatch(/"balanse" is not a field of Invoices/);
    expect(byPath["/actions/0/values/subject"]).toMatch(/does not parse/);
    expect(byPath["/actions/0/values/total"]).toMatch(/Tasks have no field "total"/);
    expect(byPath["/actions/0/values/due"]).toMatch(/soon/);
    expect(byPath["/actions/1/values/number"]).toMatch(/computed by Tessera/);
    expect(byPath["/actions/2/values/nickname"]).toMatch(/Clients have no field "nickname"/);
    expect(byPath["/actions/3/field"]).toMatch(/not a link to a user/);
    expect(byPath["/actions/3"]).toMatch(/routes.*pool/);
    expect(byPath["/actions/4/to"]).toMatch(/"name" is not a link of Clients/);
    expect(byPath["/actions/5"]).toMatch(/needs an "updated" trigger/);
  });

  it("follows update targets: a relation, a line's relation inside forEach, a record made earlier", () => {
    const rule: RuleDefinition = {
      name: "Stock",
      table: "invoices",
      enabled: true,
      trigger: { type: "updated", fields: ["status"] },
      previous: { field: "status", op: "neq", value: "issued" },
      actions: [
        { type: "update", forEach: "items", target: "line.product", values: { stock: "{{ target.stock | minus: line.quantity }}" } },
        { type: "create", table: "purchase_orders", as: "order", values: { status: "draft" }, reuse: { match: { status: "draft" } } },
        { type: "update", target: "created.order", values: { status: "sent" } },
      ],
    };
    expect(definitionProblems(rule, compiled)).toEqual([]);
    const wrong = definitionProblems(
      {
        ...rule,
        actions: [
          { type: "update", target: "line.product", values: { stock: "1" } },
          { type: "create", table: "tasks", values: {}, forEach: "lines" },
        ],
      },
      compiled,
    );
    expect(wrong).toMatchObject([
      { path: "/actions/0/target", message: expect.stringContaining('needs "forEach"') },
      { path: "/actions/1/forEach", message: expect.stringContaining('Invoices have no list "lines": use one of items, payments') },
    ]);
  });

  it("refuses previous values outside update triggers", () => {
    expect(definitionProblems({ ...collections, previous: { field: "status", op: "eq", value: "draft" } }, compiled)).toMatchObject([
      { path: "/previous", message: expect.stringContaining("only exists for update triggers") },
    ]);
  });

  it("takes a route's user as an id or an email address, nothing else", () => {
    const routed = (user: unknown): RuleDefinition => ({
      name: "Route leads",
      table: "leads",
      enabled: true,
      trigger: { type: "created" },
      actions: [
        { type: "assign", field: "owner", routes: [{ when: { field: "region", op: "eq", value: "north" }, user: user as number }] },
      ],
    });
    expect(definitionProblems(routed(7), compiled)).toEqual([]);
    expect(definitionProblems(routed("ben@example.com"), compiled)).toEqual([]);
    // Said in English, and as a phrase the rule editor says in its reader's language.
    expect(definitionProblems(routed("ben"), compiled)).toEqual([
      {
        path: "/actions/0/routes/0/user",
        message: '"ben" is neither a user id nor an email address: give one of them',
        words: { key: "rules.problems.badUser", values: { user: "ben" } },
      },
    ]);
    expect(definitionProblems(routed(0), compiled)).toEqual([
      { path: "/actions/0/routes/0/user", message: expect.stringContaining(">= 1") },
    ]);
  });
});
