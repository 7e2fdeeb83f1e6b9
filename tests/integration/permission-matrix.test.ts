import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFieldKind, isFieldKind, isMoney } from "@runtime/fields/registry";
import type { FieldSchema } from "@runtime/schema/types";
import { tableRights, type RoleDefinition, type TableAction, type TableRights } from "@runtime/auth/roles";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn, type SignedIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { DEFAULT_ROLES, defaultRole } from "../helpers/default-configuration";

/**
 * The generated permission matrix of issue 8 over the built app (`npx remix build` first): every
 * table of the seeded schema × every built-in role × each records operation, with the expected
 * answer computed from the built-in roles as the default configuration seeds them (DEFAULT_ROLES), never written by hand. Everything goes through API tokens.
 */

type Row = Record<string, unknown> & { id: number; version: number };
type FieldDef = TableDef["properties"][string];

interface TableDef {
  "x-id": string;
  "x-owner-field"?: string;
  "x-title-field"?: string;
  "x-lock"?: { when: unknown; fields: string[] };
  title?: string;
  properties: Record<
    string,
    {
      "x-kind"?: string;
      "x-id"?: string;
      "x-unique"?: boolean;
      "x-target"?: string;
      "x-composition"?: boolean;
      "x-inverse"?: string;
      "x-formula"?: string;
      "x-same-as"?: string;
      type?: unknown;
    }
  >;
}
interface Answer {
  status: number;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const PASSWORD = "matrix-password-long-1";
type Operation = "list" | "get" | "create" | "update" | "delete" | "print" | "report";
const RIGHT_OF: Record<Operation, TableAction> = {
  list: "read",
  get: "read",
  create: "create",
  update: "update",
  delete: "delete",
  print: "print",
  report: "read",
};
// Computed values: the server fills these in and refuses them in a body (the kind says so).
const computed = (field: FieldDef) => !isFieldKind(field["x-kind"] ?? "") || getFieldKind(field["x-kind"]!).readOnly;
/** A field this text may be written into, as its kind's value schema says: plain words, no format, pattern or choices. */
const takesWords = (field: FieldDef, words: string) => {
  if (computed(field) || field["x-unique"]) return false;
  const schema = getFieldKind(field["x-kind"]!).valueSchema(field as FieldSchema);
  return (
    schema.type === "string" &&
    !("format" in schema || "pattern" in schema || "enum" in schema) &&
    Number(schema.maxLength ?? Infinity) >= words.length
  );
};

const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe.each(testDatabases)("the permission matrix, through the real server with API tokens, on $name", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let url: string;
  let adminSession: SignedIn;
  const tokens = new Map<string, string>();
  const userIds = new Map<string, number>();
  let tables: [string, TableDef][] = [];
  let schemaVersion = 0;
  let schema: { $defs: Record<string, TableDef> } & Record<string, unknown>;
  let suffix = 0;

  const call = async (
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  };
  const asAdmin = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call(tokens.get("admin")!, method, path, body, headers);
  const ok = (answer: Answer, what: string): Answer => {
    expect(answer.status, `${what}: ${answer.text.slice(0, 400)}`).toBeLessThan(300);
    return answer;
  };

  /** A seeded row of each table to copy new records from. */
  const samples = new Map<string, Row>();
  /** A valid new record for a table: the sample's own values, with unique texts made unique each time. */
  const newValues = (key: string, def: TableDef): Record<string, unknown> => {
    const sample = samples.get(key)!;
    const values: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(def.properties)) {
      const value = sample[name];
      if (computed(field) || value === null || value === undefined) continue;
      values[name] = field["x-unique"] && typeof value === "string" ? `${value} m${++suffix}` : value;
      // Links point at the samples chosen above (an open invoice, not a paid or issued one), and
      // amounts are the smallest, so what the schema asserts (a balance ≥ 0) holds for the copy.
      const target = field["x-target"];
      if (target && samples.has(target)) values[name] = samples.get(target)!.id;
      if (isMoney(field as FieldSchema)) values[name] = 0.01;
    }
    for (const [name, field] of Object.entries(def.properties)) {
      const [via, other] = field["x-same-as"]?.split(".") ?? [];
      const target = via ? def.properties[via]?.["x-target"] : undefined;
      if (target && samples.has(target)) values[name] = samples.get(target)![other];
    }
    return values;
  };
  const createFixture = async (key: string, def: TableDef): Promise<Row> =>
    ok(await asAdmin("POST", `/api/t/${key}`, newValues(key, def)), `admin creates a ${key} fixture`).json as Row;

  /** A change that is valid for every row: a text field set to a new text, or the same value again. */
  const changeFor = (key: string, def: TableDef, row: Row): Record<string, unknown> => {
    const words = `changed m${++suffix}`;
    const text = Object.entries(def.properties).find(([, f]) => takesWords(f, words));
    if (text) return { [text[0]]: words };
    const [name] = Object.entries(def.properties).find(([, f]) => !computed(f))!;
    return { [name]: row[name] };
  };

  const addUser = async (email: string, role: string): Promise<{ id: number; token: string }> => {
    const created = await fetch(`${url}/api/users`, {
      method: "POST",
      headers: { ...sessionHeaders(url, adminSession), "Content-Type": "application/json" },
      body: JSON.stringify({ name: email.split("@")[0], email, role, password: PASSWORD }),
    });
    const text = await created.text();
    expect(created.status, text).toBe(201);
    const { user } = JSON.parse(text) as { user: { id: number } };
    const token = await createApiToken(url, await signIn(url, email, PASSWORD), `matrix ${role}`);
    return { id: user.id, token };
  };

  beforeAll(async () => {
    database = await kind.create();
    server = await startAppServer({ database });
    url = server.url;
    adminSession = await signIn(url);
    // The admin of the matrix is a second admin made through the API, like the other roles.
    tokens.set("admin", await createApiToken(url, adminSession, "matrix bootstrap"));
    for (const role of DEFAULT_ROLES) {
      const { id, token } = await addUser(`matrix-${role.key}@tessera.test`, role.key);
      tokens.set(role.key, token);
      userIds.set(role.key, id);
    }
    const current = ok(await asAdmin("GET", "/api/schema"), "GET /api/schema").json as { version: number; schema: typeof schema };
    schemaVersion = current.version;
    schema = current.schema;
    tables = Object.entries(schema.$defs).filter(([, def]) => typeof def["x-id"] === "string" && def.properties);
    // Samples to copy are records anyone with the rights may change: not locked (an issued
    // invoice), nor lines of a locked one. Locked records have their own test (issued-lock.test.ts).
    const sampleFilter = (def: TableDef): unknown => {
      if (def["x-lock"]) return { not: def["x-lock"].when };
      for (const [name, f] of Object.entries(def.properties)) {
        const parent = f["x-composition"] && f["x-target"] ? schema.$defs[f["x-target"]] : undefined;
        if (parent?.["x-lock"]?.fields.includes(f["x-inverse"] ?? ""))
          return { field: name, op: "eq", value: samples.get(f["x-target"]!)!.id };
      }
      return null;
    };
    const byParentsFirst = [...tables].sort(([, a], [, b]) => Number(!a["x-lock"]) - Number(!b["x-lock"]));
    for (const [key, def] of byParentsFirst) {
      const filter = sampleFilter(def);
      const query = filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : "";
      const { rows } = ok(await asAdmin("GET", `/api/t/${key}?pageSize=1&sort=id${query}`), `sample of ${key}`).json as { rows: Row[] };
      expect(rows.length, `the seeded ${key} table has a row to copy`).toBeGreaterThan(0);
      samples.set(key, rows[0]);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("covers every table of the seeded schema", () => {
    expect(tables.map(([key]) => key)).toEqual(expect.arrayContaining(["clients", "invoices", "invoice_items", "payments", "company"]));
    expect(tables.length).toBeGreaterThanOrEqual(11);
  });

  for (const role of DEFAULT_ROLES) {
    it(`allows and denies exactly what ${role.key} may do, on every table and operation`, async () => {
      const token = tokens.get(role.key)!;
      const mismatches: string[] = [];
      let checked = 0;
      const expectOutcome = (key: string, op: Operation, rights: TableRights, answer: Answer) => {
        checked++;
        const allowed = rights[RIGHT_OF[op]];
        const good = allowed ? answer.status >= 200 && answer.status < 300 : answer.status === 403;
        if (!good)
          mismatches.push(
            `${role.key} ${op} ${key}: expected ${allowed ? "2xx" : "403"}, got ${answer.status} ${answer.text.slice(0, 160)}`,
          );
      };

      for (const [key, def] of tables) {
        const rights = tableRights(role as RoleDefinition, def["x-id"]);
        const target = await createFixture(key, def);

        const listed = await call(token, "GET", `/api/t/${key}?pageSize=5`);
        expectOutcome(key, "list", rights, listed);
        // A report counts what the list holds for the role, never more: a sum over unreadable rows would leak them.
        const report = await call(token, "POST", "/api/reports/run", { table: key, groupBy: [], measures: [{ op: "count" }] });
        expectOutcome(key, "report", rights, report);
        if (report.status === 200 && listed.status === 200 && report.json.rows[0][0] !== listed.json.total)
          mismatches.push(
            `${role.key} report ${key}: counts ${String(report.json.rows[0][0])}, the list holds ${String(listed.json.total)}`,
          );
        expectOutcome(key, "get", rights, await call(token, "GET", `/api/t/${key}/${target.id}`));

        const created = await call(token, "POST", `/api/t/${key}`, newValues(key, def));
        expectOutcome(key, "create", rights, created);
        if (created.status === 201) ok(await asAdmin("DELETE", `/api/t/${key}/${(created.json as Row).id}`), `clean up ${key}`);

        const updated = await call(token, "PATCH", `/api/t/${key}/${target.id}`, changeFor(key, def, target), {
          "If-Match": `"${target.version}"`,
        });
        expectOutcome(key, "update", rights, updated);
        if (updated.status !== 200) {
          // A refused change leaves the row as it was.
          const after = ok(await asAdmin("GET", `/api/t/${key}/${target.id}`), `re-read ${key}`).json as Row;
          if (after.version !== target.version)
            mismatches.push(`${role.key} update ${key}: refused with ${updated.status} but the version moved`);
        }

        expectOutcome(key, "delete", rights, await call(token, "DELETE", `/api/t/${key}/${target.id}`));
        // The admin's copy goes either way, so the next role starts from a fresh fixture.
        const stillThere = await asAdmin("GET", `/api/t/${key}/${target.id}`);
        if (stillThere.status === 200) ok(await asAdmin("DELETE", `/api/t/${key}/${target.id}`), `clean up ${key}`);

        // Printing: with each template the admin is offered for a seeded record of this table.
        const { rows } = ok(await asAdmin("GET", `/api/t/${key}?pageSize=50&sort=id`), `rows of ${key}`).json as { rows: Row[] };
        const templates = ok(await asAdmin("GET", `/api/prints?table=${key}`), `templates of ${key}`).json.templates as { id: string }[];
        for (const template of templates) {
          let printed = false;
          for (const row of rows) {
            const offer = ok(await asAdmin("GET", `/api/prints?table=${key}&id=${row.id}`), `offer for ${key}/${row.id}`).json
              .templates as { id: string; offered: boolean }[];
            if (!offer.find((t) => t.id === template.id)?.offered) continue;
            const pdf = await fetch(`${url}/api/print/${template.id}/${row.id}.pdf`, { headers: { Authorization: `Bearer ${token}` } });
            const bytes = Buffer.from(await pdf.arrayBuffer());
            expectOutcome(key, "print", rights, { status: pdf.status, text: bytes.subarray(0, 200).toString("latin1"), json: undefined });
            if (pdf.status === 200 && bytes.subarray(0, 5).toString("latin1") !== "%PDF-")
              mismatches.push(`${role.key} print ${key}/${template.id}: 200 without a PDF`);
            // The role's own list of templates is empty exactly when it may not print.
            const own = await call(token, "GET", `/api/prints?table=${key}&id=${row.id}`);
            const offeredToRole = own.status === 200 && (own.json.templates as { offered: boolean }[]).some((t) => t.offered);
            if (offeredToRole !== (rights.print && rights.read))
              mismatches.push(`${role.key} prints offered for ${key}: ${own.status} ${own.text.slice(0, 160)}`);
            printed = true;
            break;
          }
          expect(printed, `some seeded ${key} row is offered ${template.id}`).toBe(true);
        }
      }
      expect(mismatches).toEqual([]);
      expect(checked).toBeGreaterThanOrEqual(tables.length * 5);
    }, 120_000);
  }

  it("keeps the admin-only routes to admins", async () => {
    const currentSchema = { baseVersion: schemaVersion, schema };
    const routes: [string, string, unknown?][] = [
      ["PUT", "/api/schema", currentSchema],
      ["POST", "/api/schema/plan", currentSchema],
      ["GET", "/api/users"],
      ["POST", "/api/users", { name: "Sneaky", email: "sneaky@tessera.test", role: "admin", password: PASSWORD }],
      ["GET", "/api/roles"],
      ["PUT", "/api/roles", { key: "sneaky", name: "Sneaky", admin: true, tables: {} }],
      ["GET", "/api/index-advice"],
      ["GET", "/api/trash"],
      ["POST", "/api/trash/1/restore"],
    ];
    const failures: string[] = [];
    for (const role of DEFAULT_ROLES) {
      for (const [method, path, body] of routes) {
        // The admin's PUT of an unchanged schema is skipped: it is a real change of nothing, not a probe.
        if (role.admin && method !== "GET" && path !== "/api/schema/plan") continue;
        const answer = await call(tokens.get(role.key)!, method, path, body);
        const good = role.admin ? answer.status === 200 : answer.status === 403;
        if (!good)
          failures.push(
            `${role.key} ${method} ${path}: expected ${role.admin ? "200" : "403"}, got ${answer.status} ${answer.text.slice(0, 120)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it("holds lines written and read through their parent, and expanded titles, to the rights of their own tables", async () => {
    const byKey = new Map(tables);
    // Every composition of the schema: the parent, its list and the lines' table.
    const compositions = tables.flatMap(([child, def]) =>
      Object.entries(def.properties)
        .filter(([, f]) => f["x-composition"] && f["x-target"] && f["x-inverse"])
        .map(([field, f]) => ({ parent: f["x-target"]!, list: f["x-inverse"]!, child, field })),
    );
    expect(compositions.map((c) => c.child)).toContain("invoice_items");
    // The fields a title is made of: the title field, or what its formula reads.
    const titleSources = (def: TableDef): string[] => {
      const title = def["x-title-field"];
      const formula = title ? def.properties[title]?.["x-formula"] : undefined;
      if (!title || !formula) return title ? [title] : [];
      return Object.keys(def.properties).filter((k) => k !== title && new RegExp(`\\b${k}\\b`).test(formula));
    };
    const staff = defaultRole("staff");
    const lineRights = (rights: TableRights) => Object.fromEntries(compositions.map((c) => [byKey.get(c.child)!["x-id"], rights]));
    // Lines keep their titles: a line sent with a hidden field would be refused, which is another test.
    const hiddenTitles = Object.fromEntries(
      tables
        .filter(([key]) => !compositions.some((c) => c.child === key))
        .map(([, def]) => [
          def["x-id"],
          {
            ...tableRights(staff, def["x-id"]),
            fields: Object.fromEntries(titleSources(def).map((k) => [def.properties[k]["x-id"]!, "hidden" as const])),
          },
        ]),
    );
    const none: TableRights = { read: false, create: false, update: false, delete: false, print: false, scope: "all" };
    const derived: RoleDefinition[] = [
      {
        key: "lines_read_only",
        name: "Lines read-only",
        builtin: false,
        admin: false,
        tables: { ...staff.tables, ...lineRights({ ...none, read: true }) },
      },
      { key: "lines_unseen", name: "Lines unseen", builtin: false, admin: false, tables: { ...staff.tables, ...lineRights(none) } },
      { key: "titles_hidden", name: "Titles hidden", builtin: false, admin: false, tables: { ...staff.tables, ...hiddenTitles } },
    ];
    const roles: [RoleDefinition, string][] = DEFAULT_ROLES.map((r) => [r, tokens.get(r.key)!]);
    for (const role of derived) {
      ok(await asAdmin("PUT", "/api/roles", { key: role.key, name: role.name, tables: role.tables }), `PUT ${role.key}`);
      roles.push([role, (await addUser(`matrix-${role.key}@tessera.test`, role.key)).token]);
    }

    const mismatches: string[] = [];
    const expectStatus = (what: string, allowed: boolean, answer: Answer) => {
      if (allowed ? answer.status >= 300 : answer.status !== 403)
        mismatches.push(`${what}: expected ${allowed ? "2xx" : "403"}, got ${answer.status} ${answer.text.slice(0, 160)}`);
    };
    for (const [role, token] of roles) {
      const rights = (key: string) => tableRights(role, byKey.get(key)!["x-id"]);
      for (const { parent, list, child, field } of compositions) {
        const line = () => {
          const values = newValues(child, byKey.get(child)!);
          delete values[field];
          return values;
        };
        const fixture = ok(
          await asAdmin("POST", `/api/t/${parent}`, { ...newValues(parent, byKey.get(parent)!), [list]: [line()] }),
          `admin creates a ${parent} with ${list}`,
        ).json as Row;
        const read = await call(token, "GET", `/api/t/${parent}/${fixture.id}`);
        if (read.status === 200 && list in read.json !== rights(child).read)
          mismatches.push(`${role.key} reads ${parent}: its ${list} ${rights(child).read ? "are missing" : "are shown"}`);
        const created = await call(token, "POST", `/api/t/${parent}`, { ...newValues(parent, byKey.get(parent)!), [list]: [line()] });
        expectStatus(`${role.key} creates ${parent} with ${list}`, rights(parent).create && rights(child).create, created);
        if (created.status === 201) ok(await asAdmin("DELETE", `/api/t/${parent}/${(created.json as Row).id}`), `clean up ${parent}`);
        // The lines as they are, and one more: only the new one asks for a right on the lines.
        const added = await call(
          token,
          "PATCH",
          `/api/t/${parent}/${fixture.id}`,
          { [list]: [...(fixture[list] as Row[]), line()] },
          {
            "If-Match": `"${fixture.version}"`,
          },
        );
        expectStatus(`${role.key} adds to ${parent} ${list}`, rights(parent).update && rights(child).create, added);
        ok(await asAdmin("DELETE", `/api/t/${parent}/${fixture.id}`), `clean up ${parent}`);
      }

      // Expanded titles: the admin's, unless the role may not read the target or see its title.
      for (const [key, def] of tables) {
        if (!rights(key).read) continue;
        for (const [rel, f] of Object.entries(def.properties)) {
          const target = f["x-target"] ? byKey.get(f["x-target"]) : undefined;
          if (!target || role.tables[def["x-id"]]?.fields?.[f["x-id"]!] === "hidden") continue;
          const path = `/api/t/${key}?expand=${rel}&sort=id&pageSize=5`;
          const mine = ok(await call(token, "GET", path), `${role.key} GET ${path}`).json.rows as Row[];
          const theirs = ok(await asAdmin("GET", path), `admin GET ${path}`).json.rows as Row[];
          const targetRights = tableRights(role, target["x-id"]);
          const titled =
            targetRights.read && !titleSources(target).some((k) => targetRights.fields?.[target.properties[k]["x-id"]!] === "hidden");
          theirs.forEach((row, i) => {
            const expanded = (row._expanded as Record<string, { id: number; title: string }> | undefined)?.[rel];
            if (!expanded) return;
            const want = titled ? expanded : { id: expanded.id, title: `${target.title} #${expanded.id}` };
            const got = (mine[i]?._expanded as Record<string, unknown> | undefined)?.[rel];
            if (JSON.stringify(got) !== JSON.stringify(want))
              mismatches.push(`${role.key} ${path}: row ${row.id} expanded as ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
          });
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 180_000);

  it("answers 404 to an own-records user guessing another owner's client, and lists only their own", async () => {
    // Clients need an owner field for "only records I own"; the seeded schema may not name one.
    if (schema.$defs.clients["x-owner-field"] !== "manager") {
      const current = ok(await asAdmin("GET", "/api/schema"), "GET /api/schema").json as { version: number; schema: typeof schema };
      const next = structuredClone(current.schema);
      next.$defs.clients["x-owner-field"] = "manager";
      ok(await asAdmin("PUT", "/api/schema", { baseVersion: current.version, schema: next }), "set x-owner-field on clients");
    }
    const staff = defaultRole("staff");
    const ownScope: TableRights = { ...tableRights(staff, "t_clients"), scope: "own" };
    ok(
      await asAdmin("PUT", "/api/roles", { key: "own_clients", name: "Own clients", tables: { ...staff.tables, t_clients: ownScope } }),
      "PUT own_clients role",
    );
    const owner = await addUser("own-clients@tessera.test", "own_clients");
    const otherManager = userIds.get("staff")!;

    const mine = ok(
      await asAdmin("POST", "/api/t/clients", { kind: "company", name: "Mine Ltd", status: "lead", manager: owner.id }),
      "own client",
    ).json as Row;
    const theirs = ok(
      await asAdmin("POST", "/api/t/clients", { kind: "company", name: "Theirs Ltd", status: "lead", manager: otherManager }),
      "other client",
    ).json as Row;

    expect((await call(owner.token, "GET", `/api/t/clients/${mine.id}`)).status).toBe(200);
    const guess = await call(owner.token, "GET", `/api/t/clients/${theirs.id}`);
    expect(guess.status, guess.text).toBe(404);
    expect(guess.text).not.toContain("Theirs Ltd");
    const patch = await call(
      owner.token,
      "PATCH",
      `/api/t/clients/${theirs.id}`,
      { name: "Taken Over" },
      { "If-Match": `"${theirs.version}"` },
    );
    expect(patch.status, patch.text).toBe(404);
    expect((await call(owner.token, "DELETE", `/api/t/clients/${theirs.id}`)).status).toBe(404);
    expect(((await asAdmin("GET", `/api/t/clients/${theirs.id}`)).json as Row).name).toBe("Theirs Ltd");

    // Nor is their name given away by a record that links to it.
    const invoice = ok(
      await asAdmin("POST", "/api/t/invoices", { ...newValues("invoices", schema.$defs.invoices), client: theirs.id }),
      "invoice of the other client",
    ).json as Row;
    const expanded = ok(await call(owner.token, "GET", `/api/t/invoices/${invoice.id}?expand=client`), "invoice expanded");
    expect(expanded.json._expanded).toEqual({ client: { id: theirs.id, title: `Client #${theirs.id}` } });
    expect(expanded.text).not.toContain("Theirs Ltd");

    const list = ok(await call(owner.token, "GET", "/api/t/clients?pageSize=500"), "own list").json as { rows: Row[]; total: number };
    expect(list.rows.map((r) => r.id)).toEqual([mine.id]);
    expect(list.total).toBe(1);
  });

  it("refuses an accountant-like role filtering, sorting or counting by a hidden field with 403", async () => {
    const accountant = defaultRole("accountant");
    const clients: TableRights = { ...tableRights(accountant, "t_clients"), fields: { f_clients_tax_id: "hidden" } };
    ok(
      await asAdmin("PUT", "/api/roles", {
        key: "acct_hidden",
        name: "Accountant without tax ids",
        tables: { ...accountant.tables, t_clients: clients },
      }),
      "PUT acct_hidden role",
    );
    const user = await addUser("acct-hidden@tessera.test", "acct_hidden");
    const { rows } = ok(await asAdmin("GET", "/api/t/clients?pageSize=500"), "clients").json as { rows: Row[] };
    const taxed = rows.find((r) => typeof r.tax_id === "string" && r.tax_id)!;
    expect(taxed, "a seeded client has a tax id").toBeTruthy();

    const visible = ok(await call(user.token, "GET", "/api/t/clients?pageSize=500"), "list without the hidden field").json as {
      rows: Row[];
    };
    expect(visible.rows.length).toBeGreaterThan(0);
    for (const row of visible.rows) expect(row).not.toHaveProperty("tax_id");

    for (const query of [
      `filter=${enc({ field: "tax_id", op: "eq", value: taxed.tax_id })}`,
      `filter=${enc({ field: "tax_id", op: "startsWith", value: String(taxed.tax_id).slice(0, 2) })}`,
      "sort=tax_id",
    ]) {
      const answer = await call(user.token, "GET", `/api/t/clients?${query}`);
      expect(answer.status, `${query}: ${answer.text.slice(0, 200)}`).toBe(403);
      expect(answer.json).not.toHaveProperty("total");
    }
    // The same filter is fine for the built-in accountant: the refusal is about the hidden field.
    expect(
      (await call(tokens.get("accountant")!, "GET", `/api/t/clients?filter=${enc({ field: "tax_id", op: "eq", value: taxed.tax_id })}`))
        .status,
    ).toBe(200);
  });
});
