import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILTER_OPERATORS } from "@runtime/fields/types";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { expectCleanError, httpClient } from "./records-http";

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NASTY = [
  "name) OR 1=1 --",
  "' OR '1'='1",
  "(select sleep(3))",
  "'; drop table clients; --",
  '"; drop table clients; --',
  "`id`",
  "clients.id",
  "%",
  "_",
  "\\",
  "\\%",
  "a\u0000b",
  "\u0000",
  "😀🚀 Zoë Ñandú",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "x".repeat(1500),
  "🦄".repeat(400),
  "__proto__",
  "constructor",
  "1e309",
  "-0",
  "NaN",
  "2026-02-30",
  "2026-05-01",
  "2026-05-01T10:00:00Z",
  "active",
  "company",
  "EUR",
  "",
  " ",
];

const CLIENT_FIELDS = [
  "kind",
  "name",
  "legal_name",
  "tax_id",
  "email",
  "phone",
  "website",
  "city",
  "country",
  "manager",
  "status",
  "notes",
];
const INVOICE_FIELDS = ["number", "client", "contract", "date", "due_date", "currency", "status", "total", "items", "payment_state"];
const SYSTEM_FIELDS = ["id", "version", "created_at", "updated_at", "created_by", "_expanded"];
const fieldKey = fc.oneof(
  fc.constantFrom(...CLIENT_FIELDS, ...INVOICE_FIELDS, ...SYSTEM_FIELDS),
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 12 }),
);

const scalar = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 30, unit: "grapheme" }),
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2 ** 53, -(2 ** 31), 1.5, 1e300),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }) },
  {
    weight: 1,
    arbitrary: fc.array(fc.dictionary(fc.constantFrom("description", "quantity", "price", "id", "x"), scalar, { maxKeys: 4 }), {
      maxLength: 3,
    }),
  },
);

function filterArbitrary(operators: readonly string[]) {
  const { node } = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      tie("leaf"),
      fc.record({ and: fc.array(tie("node"), { maxLength: 3 }) }),
      fc.record({ or: fc.array(tie("node"), { maxLength: 3 }) }),
      fc.record({ not: tie("node") }),
      fc.record({ and: tie("node") }),
      fc.record({ not: fc.array(tie("node"), { maxLength: 2 }) }),
      value,
    ),
    leaf: fc.oneof(
      fc.record(
        { field: fieldKey, op: fc.oneof(fc.constantFrom(...operators), fc.constantFrom(...NASTY)), value },
        { requiredKeys: ["field", "op"] },
      ),
      fc.record({ field: fieldKey, op: fc.constantFrom(...operators), value, extra: value }),
    ),
  }));
  // Leaves that are mostly right, so that filters reach SQL and not only the parser's refusals.
  const plausible = fc.oneof(
    fc.record({
      field: fc.constantFrom("name", "city", "notes", "email"),
      op: fc.constantFrom(
        ...operators.filter((o) => ["eq", "neq", "in", "notIn", "contains", "startsWith", "isEmpty", "notEmpty"].includes(o)),
      ),
      value: fc.oneof(fc.constantFrom(...NASTY.filter((n) => n.length < 1000)), fc.string({ maxLength: 10 })),
    }),
    fc.record({
      field: fc.constantFrom("id", "version", "manager"),
      op: fc.constantFrom(...operators.filter((o) => ["eq", "neq", "lt", "lte", "gt", "gte", "isEmpty"].includes(o))),
      value: fc.integer({ min: 0, max: 100 }),
    }),
    fc.record({ field: fc.constant("status"), op: fc.constantFrom("eq", "neq"), value: fc.constantFrom("active", "lead", "inactive") }),
  );
  const plausibleTree = fc.oneof(
    plausible,
    fc.record({ or: fc.array(plausible, { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: plausible }),
  );
  return {
    plausible: plausibleTree.map((f) => JSON.stringify(f)),
    hostile: fc.oneof(
      { weight: 5, arbitrary: node.map((f) => JSON.stringify(f)) },
      { weight: 1, arbitrary: fc.constantFrom(...NASTY) },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    ),
  };
}

const sortArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("name", "-name", "city,-id", "-status,name", "country", "-created_at") },
  fc.constantFrom(...CLIENT_FIELDS, ...INVOICE_FIELDS, "id", "-id", "-name", "name,-city", "-", ",", "name,name,name,name,name"),
  fc
    .array(fc.constantFrom(...CLIENT_FIELDS, ...INVOICE_FIELDS, "-name", "-date", "id"), { minLength: 1, maxLength: 5 })
    .map((a) => a.join(",")),
  fc.constantFrom(...NASTY),
);
const numberParam = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 60 }).map(String) },
  fc.constantFrom("0", "-1", "1", "2", "500", "501", "1000000", "99999999999999999999", "1.5", "1e3", "abc", "", " 2", "0x10"),
  fc.integer({ min: -5, max: 2000 }).map(String),
);
const WELL_FORMED_TABLES = ["clients", "clients", "clients", "invoices", "contacts"];
const TABLES = [
  ...WELL_FORMED_TABLES,
  "clients",
  "invoices",
  "contacts",
  "payments",
  "products",
  "crm_users",
  "crm_files",
  "no_such_table",
  "../clients",
  "clients;drop",
];

describe.each(testDatabases)("random input at the records API on $name", ({ create }) => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let canary: Row;
  let victim: Row;
  let token: string | undefined;
  const call = httpClient(
    () => server!.url,
    () => token,
  );

  beforeAll(async () => {
    database = await create();
    server = await startAppServer({ database });
    token = await createApiToken(server.url);
    const made = await call("POST", "/api/t/clients", {
      body: {
        kind: "company",
        name: "Canary Holdings",
        legal_name: "Canary Holdings Ltd",
        email: "canary@example.com",
        city: "Kilkenny",
        country: "IE",
        status: "active",
        notes: "must never change",
      },
    });
    expect(made.status, made.text).toBe(201);
    canary = made.json;
    const other = await call("POST", "/api/t/clients", { body: { kind: "individual", name: "Victim Person", status: "lead" } });
    expect(other.status, other.text).toBe(201);
    victim = other.json;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const operators = FILTER_OPERATORS;
  const filters = filterArbitrary(operators);
  const searchText = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 20 }));
  // Every parameter well formed but the values hostile: these reach SQL.
  const plausibleQuery = fc.record(
    {
      filter: filters.plausible,
      sort: fc.constantFrom("name", "-name", "city,-id", "-status,name", "country", "-created_at"),
      q: searchText,
      page: fc.integer({ min: 1, max: 3 }).map(String),
      pageSize: fc.integer({ min: 1, max: 60 }).map(String),
    },
    { requiredKeys: ["filter"] },
  );
  const listQuery = fc.record(
    {
      filter: filters.hostile,
      sort: sortArbitrary,
      q: searchText,
      page: numberParam,
      pageSize: numberParam,
      cursor: fc.oneof(
        { weight: 3, arbitrary: fc.constant("") },
        fc.constantFrom("zzz", "W10", "WzFd", "bnVsbA", ""),
        fc.base64String({ maxLength: 24 }),
      ),
      expand: fc.oneof(
        { weight: 3, arbitrary: fc.constant("") },
        fc.constantFrom("client", "manager", "client,contract", "name", "nope", ",,,"),
        fc.constantFrom(...NASTY),
      ),
    },
    { requiredKeys: [] },
  );
  const clientBody = fc.record(
    {
      kind: fc.constantFrom("company", "individual"),
      name: fc.oneof(fc.constantFrom(...NASTY), fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" })),
      status: fc.constantFrom("active", "lead", "inactive"),
      city: fc.constantFrom(...NASTY),
      notes: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: "binary", maxLength: 60 })),
      email: fc.oneof(fc.emailAddress(), fc.constantFrom(...NASTY)),
      manager: fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 5 })),
    },
    { requiredKeys: ["kind", "name", "status"] },
  );
  const body = fc.oneof(
    { weight: 4, arbitrary: clientBody },
    { weight: 4, arbitrary: fc.dictionary(fieldKey, value, { maxKeys: 8 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  const recordId = () =>
    fc.oneof(
      fc.constant(String(victim.id)),
      fc
        .integer({ min: 1, max: 60 })
        .filter((n) => n !== canary.id)
        .map(String),
      fc.constantFrom("0", "-1", "abc", "1.5", "99999999999999999999", "%00", "1%20OR%201=1", "..%2F1"),
    );
  const ifMatch = fc.oneof(
    fc.constantFrom("1", '"1"', 'W/"1"', "2", "*", "", "abc", "0", "-1", "99999999999999"),
    fc.string({ maxLength: 12 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
  );

  const request = () =>
    fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("list" as const), table: fc.constantFrom(...TABLES), query: listQuery }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("list" as const), table: fc.constant("clients"), query: plausibleQuery }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("create" as const), table: fc.constantFrom(...TABLES), body }) },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant("patch" as const),
          table: fc.constantFrom("clients", "invoices", "no_such_table"),
          id: recordId(),
          body,
          ifMatch: fc.option(ifMatch),
        }),
      },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("patchFresh" as const), table: fc.constant("clients"), body }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("get" as const),
          table: fc.constantFrom(...TABLES),
          id: recordId(),
          expand: fc.option(fc.constantFrom("client", "manager", "x")),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("lookup" as const),
          target: fc.constantFrom(...TABLES),
          q: fc.option(fc.constantFrom(...NASTY)),
        }),
      },
    );

  type FuzzRequest = ReturnType<typeof request> extends fc.Arbitrary<infer R> ? R : never;

  async function send(r: FuzzRequest) {
    const table = encodeURIComponent("table" in r ? r.table : "");
    switch (r.kind) {
      case "list": {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(r.query)) if (typeof v === "string") params.set(k, v);
        return call("GET", `/api/t/${table}?${params}`);
      }
      case "create":
        return call("POST", `/api/t/${table}`, { body: r.body });
      case "patch":
        return call("PATCH", `/api/t/${table}/${r.id}`, { body: r.body, headers: r.ifMatch === null ? {} : { "If-Match": r.ifMatch } });
      case "patchFresh": {
        // A client that edits what it just read: the body reaches validation and the database.
        const read = await call("GET", `/api/t/clients/${victim.id}`);
        expect(read.status, read.text).toBe(200);
        return call("PATCH", `/api/t/clients/${victim.id}`, { body: r.body, headers: { "If-Match": read.headers.get("etag")! } });
      }
      case "get":
        return call("GET", `/api/t/${table}/${r.id}${r.expand ? `?expand=${r.expand}` : ""}`);
      case "lookup":
        return call("GET", `/api/lookup/${encodeURIComponent(r.target)}${r.q === null ? "" : `?q=${encodeURIComponent(r.q)}`}`);
    }
  }

  it("never answers 500, always explains a 4xx in JSON, and leaves the canary alone", async () => {
    await fc.assert(
      fc.asyncProperty(request(), async (r) => {
        const answer = await send(r);
        expect(answer.status, `${JSON.stringify(r).slice(0, 2000)}\n→ ${answer.text.slice(0, 500)}`).toBeLessThan(500);
        if (answer.status >= 400) expectCleanError(answer, JSON.stringify(r).slice(0, 500));
        else if (r.kind === "list") expect(Array.isArray(answer.json.rows)).toBe(true);
      }),
      { numRuns: 150, interruptAfterTimeLimit: 60_000 },
    );
    const after = await call("GET", `/api/t/clients/${canary.id}`);
    expect(after.json).toEqual(canary);
    const count = await call(
      "GET",
      `/api/t/clients?filter=${encodeURIComponent(JSON.stringify({ field: "id", op: "eq", value: canary.id }))}`,
    );
    expect(count.json.rows).toEqual([canary]);
  }, 120_000);
});
