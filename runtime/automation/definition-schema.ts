/**
 * JSON Schema (draft 2020-12) of a rule definition (`types.ts` `RuleDefinition`): its shape only.
 * What the shape cannot know — that a table or field exists, a filter fits its table, a template
 * parses — is checked against the current schema by `validate.ts`.
 */

const KEY = { type: "string", pattern: "^[a-z][a-z0-9_]{0,63}$" } as const;
const TEMPLATE = { type: "string", maxLength: 10_000 } as const;
const VALUES = { type: "object", propertyNames: KEY, additionalProperties: TEMPLATE, maxProperties: 200 } as const;
const FILTER = { type: "object" } as const;

const action = (type: string, properties: Record<string, unknown>, required: string[] = []) => ({
  type: "object",
  required: ["type", ...required],
  additionalProperties: false,
  properties: { type: { const: type }, when: TEMPLATE, ...properties },
});

export const ACTION_SCHEMAS = {
  create: action(
    "create",
    {
      table: KEY,
      as: { type: "string", pattern: "^[a-z][a-z0-9_]{0,31}$" },
      values: VALUES,
      forEach: KEY,
      reuse: {
        type: "object",
        required: ["match"],
        additionalProperties: false,
        properties: { match: { ...VALUES, minProperties: 1 } },
      },
    },
    ["table", "values"],
  ),
  update: action(
    "update",
    {
      target: {
        type: "string",
        pattern: "^(record|line|[a-z][a-z0-9_]{0,63}|line\\.[a-z][a-z0-9_]{0,63}|created\\.[a-z][a-z0-9_]{0,31})$",
      },
      forEach: KEY,
      values: { ...VALUES, minProperties: 1 },
    },
    ["values"],
  ),
  assign: action(
    "assign",
    {
      field: KEY,
      routes: {
        type: "array",
        maxItems: 200,
        items: {
          type: "object",
          required: ["when", "user"],
          additionalProperties: false,
          properties: {
            when: FILTER,
            // An id, or an email address that names the user in any database the rule is imported into
            // (validate.ts checks the address, with a clearer message than a pattern's).
            user: { type: ["integer", "string"], minimum: 1, maxLength: 254 },
          },
        },
      },
      pool: {
        type: "object",
        additionalProperties: false,
        minProperties: 1,
        properties: {
          role: { type: "string", pattern: "^[a-z][a-z0-9_]{0,31}$" },
          users: { type: "array", minItems: 1, maxItems: 500, items: { type: "integer", minimum: 1 } },
        },
      },
      workload: {
        type: "object",
        required: ["table", "field"],
        additionalProperties: false,
        properties: { table: KEY, field: KEY, open: FILTER },
      },
    },
    ["field"],
  ),
  closeTasks: action("closeTasks", {
    rule: { type: "string", minLength: 1, maxLength: 200 },
    of: KEY,
    status: { enum: ["done", "cancelled"] },
    values: VALUES,
  }),
  notify: action("notify", { to: { ...TEMPLATE, minLength: 1 }, title: { ...TEMPLATE, minLength: 1 }, href: TEMPLATE }, ["to", "title"]),
  requestApproval: action(
    "requestApproval",
    {
      steps: {
        type: "array",
        minItems: 1,
        maxItems: 10,
        items: {
          type: "object",
          required: ["approver"],
          additionalProperties: false,
          properties: { approver: { type: "string", minLength: 1, maxLength: 200 } },
        },
      },
      message: { ...TEMPLATE, minLength: 1 },
    },
    ["steps", "message"],
  ),
} as const;

const OFFSET = {
  type: "object",
  required: ["amount", "unit"],
  additionalProperties: false,
  properties: { amount: { type: "integer", minimum: -100_000, maximum: 100_000 }, unit: { enum: ["minutes", "hours", "days"] } },
} as const;

export const TRIGGER_SCHEMAS = {
  created: { type: "object", required: ["type"], additionalProperties: false, properties: { type: { const: "created" } } },
  updated: {
    type: "object",
    required: ["type"],
    additionalProperties: false,
    properties: { type: { const: "updated" }, fields: { type: "array", minItems: 1, maxItems: 100, items: KEY } },
  },
  deleted: { type: "object", required: ["type"], additionalProperties: false, properties: { type: { const: "deleted" } } },
  date: {
    type: "object",
    required: ["type", "field", "offset"],
    additionalProperties: false,
    properties: { type: { const: "date" }, field: KEY, offset: OFFSET },
  },
  schedule: {
    type: "object",
    required: ["type", "every"],
    additionalProperties: false,
    properties: {
      type: { const: "schedule" },
      every: { enum: ["hour", "day", "week", "month"] },
      at: { type: "string", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" },
      weekday: { type: "integer", minimum: 1, maximum: 7 },
      day: { type: "integer", minimum: 1, maximum: 28 },
    },
  },
  manual: {
    type: "object",
    required: ["type", "label"],
    additionalProperties: false,
    properties: { type: { const: "manual" }, label: { type: "string", minLength: 1, maxLength: 80 } },
  },
} as const;

/** Picks the branch by `type`, so an error names what is wrong inside the right kind of trigger or action. */
const byType = (branches: Record<string, object>) => ({
  type: "object",
  required: ["type"],
  properties: { type: { enum: Object.keys(branches) } },
  allOf: Object.entries(branches).map(([type, schema]) => ({
    if: { properties: { type: { const: type } }, required: ["type"] },
    then: schema,
  })),
});

export const ruleDefinitionSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://tessera.dev/schemas/rule.json",
  title: "Tessera automation rule",
  type: "object",
  required: ["name", "table", "enabled", "trigger", "actions"],
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 1, maxLength: 200 },
    description: { type: "string", maxLength: 2_000 },
    table: KEY,
    enabled: { type: "boolean" },
    trigger: byType(TRIGGER_SCHEMAS),
    condition: FILTER,
    previous: FILTER,
    actions: { type: "array", maxItems: 50, items: byType(ACTION_SCHEMAS) },
  },
} as const;
