import { describe, expect, it } from "vitest";
import { indexName, shortHash } from "../schema/compile";
import type { FieldSchema, TableSchema, WorkspaceSchema } from "../schema/types";
import { validateWorkspaceSchema } from "../schema/validate-workspace";
import { plan, trashColumnName, trashTableName } from "./plan";
import type { MigrationPlan, MigrationStep } from "./steps";

// ---------------------------------------------------------------------------------------------
// Builders. Every schema a test plans from or to is checked by the real validator first, so the
// planner is never judged on input the server would have refused.

const text = (id: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({ type: "string", "x-id": id, "x-kind": "text", ...extra });
const integer = (id: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({
  type: "integer",
  "x-id": id,
  "x-kind": "integer",
  ...extra,
});
const email = (id: string): FieldSchema => ({ type: "string", "x-id": id, "x-kind": "email" });

function table(id: string, properties: Record<string, FieldSchema>, extra: Partial<TableSchema> = {}): TableSchema {
  return { type: "object", "x-id": id, properties, ...extra };
}

function workspace(defs: Record<string, TableSchema>, version?: number): WorkspaceSchema {
  const schema: WorkspaceSchema = { $schema: "https://json-schema.org/draft/2020-12/schema", $defs: defs };
  if (version !== undefined) schema["x-version"] = version;
  const checked = validateWorkspaceSchema(schema);
  if (!checked.ok) throw new Error(`test schema is invalid: ${JSON.stringify(checked.problems)}`);
  return schema;
}

const ops = (p: MigrationPlan) => p.steps.map((s) => s.op);

function only<O extends MigrationStep["op"]>(p: MigrationPlan, op: O): Extract<MigrationStep, { op: O }>[] {
  return p.steps.filter((s): s is Extract<MigrationStep, { op: O }> => s.op === op);
}

/**
 * Replays a plan's column steps on a model of one table's column names and fails on any step that
 * would meet a missing source or an occupied target, the way a real ALTER would.
 */
function replayColumns(initial: string[], steps: MigrationStep[], tableKey: string): string[] {
  const columns = new Set(initial);
  const move = (from: string, to: string) => {
    if (!columns.has(from)) throw new Error(`step renames missing column ${from}`);
    if (columns.has(to)) throw new Error(`step renames ${from} onto existing column ${to}`);
    columns.delete(from);
    columns.add(to);
  };
  for (const s of steps) {
    if ("table" in s && s.table !== tableKey) continue;
    if (s.op === "rename_column") move(s.from, s.to);
    else if (s.op === "drop_column") move(s.column, s.trashName);
    else if (s.op === "add_column") {
      if (columns.has(s.column.name)) throw new Error(`step adds existing column ${s.column.name}`);
      columns.add(s.column.name);
    }
  }
  return [...columns].sort();
}

// A small base: clients with a text name, an email and an integer rating.
const V = 4;
function clientsV(version = V): WorkspaceSchema {
  return workspace(
    {
      clients: table(
        "t_clients",
        { name: text("f_name"), mail: email("f_mail"), rating: integer("f_rating") },
        { title: "Client", "x-plural": "Clients" },
      ),
    },
    version,
  );
}
function edit(base: WorkspaceSchema, change: (defs: Record<string, TableSchema>) => void): WorkspaceSchema {
  const next = structuredClone(base);
  delete next["x-version"];
  change(next.$defs);
  return workspace(next.$defs);
}

describe("plan: tables", () => {
  it("creates every table of a first schema, with its columns and indexes", () => {
    const next = workspace({
      clients: table("t_clients", {
        name: text("f_name", { maxLength: 80 }),
        code: text("f_code", { "x-unique": true }),
        rating: integer("f_rating", { "x-indexed": true }),
      }),
      notes: table("t_notes", { body: { type: "string", "x-id": "f_body", "x-kind": "longtext" } }),
    });
    const p = plan(null, next);
    expect(p.fromVersion).toBe(0);
    expect(p.steps).toEqual([
      expect.objectContaining({
        op: "create_table",
        table: "clients",
        tableId: "t_clients",
        destructive: false,
        columns: [
          { name: "name", spec: { type: "string", length: 80 } },
          { name: "code", spec: { type: "string", length: 255 } },
          { name: "rating", spec: { type: "bigint" } },
        ],
      }),
      expect.objectContaining({
        op: "create_table",
        table: "notes",
        tableId: "t_notes",
        columns: [{ name: "body", spec: { type: "text", size: "long" } }],
      }),
      expect.objectContaining({
        op: "add_index",
        table: "clients",
        columns: ["code"],
        unique: true,
        name: indexName("t_clients", ["f_code"], true),
      }),
      expect.objectContaining({
        op: "add_index",
        table: "clients",
        columns: ["rating"],
        unique: false,
        name: indexName("t_clients", ["f_rating"], false),
      }),
    ]);
    expect(p.steps.every((s) => !s.destructive)).toBe(true);
  });

  it("plans nothing for identical schemas, nor for label, description and property-order changes", () => {
    expect(plan(clientsV(), clientsV()).steps).toEqual([]);
    const relabelled = edit(clientsV(), (d) => {
      const c = d.clients;
      c.title = "Customer";
      c["x-plural"] = "Customers";
      c.properties = {
        rating: { ...c.properties.rating, title: "Stars", description: "1 to 5" },
        mail: c.properties.mail,
        name: c.properties.name,
      };
    });
    expect(plan(clientsV(), relabelled).steps).toEqual([]);
  });

  it("renames a table by x-id instead of dropping and re-creating it", () => {
    const next = edit(clientsV(), (d) => {
      d.customers = d.clients;
      delete d.clients;
    });
    const p = plan(clientsV(), next);
    expect(p.steps).toEqual([
      expect.objectContaining({ op: "rename_table", from: "clients", to: "customers", tableId: "t_clients", destructive: false }),
    ]);
  });

  it("removes a table into the trash as one destructive step named after the version and id", () => {
    const base = workspace({ ...clientsV().$defs, notes: table("t_notes", { body: text("f_body", { "x-indexed": true }) }) }, V);
    const next = edit(base, (d) => delete d.notes);
    const p = plan(base, next);
    expect(p.steps).toEqual([
      expect.objectContaining({
        op: "drop_table",
        table: "notes",
        tableId: "t_notes",
        destructive: true,
        trashName: trashTableName(V, "t_notes"),
        definition: base.$defs.notes,
      }),
    ]);
    expect(trashTableName(V, "t_notes")).toBe(`crm_del_v${V}_${shortHash("t_notes")}`);
  });

  it("swaps two table keys through temporary names and frees a removed table's key for a rename", () => {
    const base = workspace(
      { a: table("t_a", { x: text("f_ax") }), b: table("t_b", { x: text("f_bx") }), c: table("t_c", { x: text("f_cx") }) },
      V,
    );
    const swapped = edit(base, (d) => {
      [d.a, d.b] = [d.b, d.a];
    });
    const renames = only(plan(base, swapped), "rename_table");
    const tmpA = `crm_tmp_v${V}_${shortHash("t_a")}`;
    const tmpB = `crm_tmp_v${V}_${shortHash("t_b")}`;
    // First both tables move to temporary names, then both move to their new keys.
    expect(
      renames
        .slice(0, 2)
        .map((r) => [r.from, r.to])
        .sort(),
    ).toEqual([
      ["a", tmpA],
      ["b", tmpB],
    ]);
    expect(
      renames
        .slice(2)
        .map((r) => [r.from, r.to])
        .sort(),
    ).toEqual([
      [tmpA, "b"],
      [tmpB, "a"],
    ]);
    // c is removed and a takes its key: the removal must come first.
    const reuse = edit(base, (d) => {
      d.c = d.a;
      delete d.a;
    });
    expect(ops(plan(base, reuse))).toEqual(["drop_table", "rename_table"]);
    expect(plan(base, reuse).steps[1]).toMatchObject({ from: "a", to: "c" });
  });
});

describe("plan: fields", () => {
  it("adds a field as one safe add_column", () => {
    const next = edit(clientsV(), (d) => (d.clients.properties.phone = text("f_phone", { maxLength: 40 })));
    expect(plan(clientsV(), next).steps).toEqual([
      expect.objectContaining({
        op: "add_column",
        table: "clients",
        fieldId: "f_phone",
        column: { name: "phone", spec: { type: "string", length: 40 } },
        destructive: false,
      }),
    ]);
    expect(plan(clientsV(), next).steps[0].description).toMatch(/^Add field “.+” \(Text\) to “.+”$/);
  });

  it("renames a field by x-id, inside a table that is renamed too", () => {
    const next = edit(clientsV(), (d) => {
      const p = d.clients.properties;
      p.email = p.mail;
      delete p.mail;
      d.customers = d.clients;
      delete d.clients;
    });
    const p = plan(clientsV(), next);
    expect(ops(p)).toEqual(["rename_table", "rename_column"]);
    expect(p.steps[1]).toMatchObject({ table: "customers", from: "mail", to: "email", fieldId: "f_mail", destructive: false });
  });

  it("removes a field into a trash column named after the version and id", () => {
    const next = edit(clientsV(), (d) => delete d.clients.properties.rating);
    const p = plan(clientsV(), next);
    expect(p.steps).toEqual([
      expect.objectContaining({
        op: "drop_column",
        table: "clients",
        tableId: "t_clients",
        column: "rating",
        fieldId: "f_rating",
        trashName: trashColumnName(V, "f_rating"),
        definition: clientsV().$defs.clients.properties.rating,
        destructive: true,
      }),
    ]);
    expect(trashColumnName(V, "f_rating")).toBe(`crm_del_v${V}_${shortHash("f_rating")}`);
  });

  it("lets a new field of another kind reuse a removed field's key: trash first, then add", () => {
    const next = edit(clientsV(), (d) => (d.clients.properties.rating = text("f_rating_text")));
    const p = plan(clientsV(), next);
    expect(ops(p)).toEqual(["drop_column", "add_column"]);
    expect(p.steps[0]).toMatchObject({ column: "rating", fieldId: "f_rating", destructive: true });
    expect(p.steps[1]).toMatchObject({ column: { name: "rating", spec: { type: "string", length: 255 } }, fieldId: "f_rating_text" });
    expect(replayColumns(["name", "mail", "rating"], p.steps, "clients")).toEqual(
      ["mail", "name", "rating", trashColumnName(V, "f_rating")].sort(),
    );
  });

  it("swaps two field keys through temporary names, so no rename meets an occupied column", () => {
    const next = edit(clientsV(), (d) => {
      const p = d.clients.properties;
      [p.name, p.mail] = [p.mail, p.name];
    });
    const p = plan(clientsV(), next);
    expect(ops(p)).toEqual(["rename_column", "rename_column", "rename_column", "rename_column"]);
    const renames = only(p, "rename_column");
    expect(renames.every((r) => !r.destructive)).toBe(true);
    // Each field ends under its new key: follow the chain of moves per field id.
    const finalKey = (id: string, start: string) =>
      renames.filter((r) => r.fieldId === id).reduce((key, r) => (r.from === key ? r.to : key), start);
    expect(finalKey("f_name", "name")).toBe("mail");
    expect(finalKey("f_mail", "mail")).toBe("name");
    expect(replayColumns(["name", "mail", "rating"], p.steps, "clients")).toEqual(["mail", "name", "rating"]);
  });

  it("renames a field onto the key a removed field frees", () => {
    const next = edit(clientsV(), (d) => {
      const p = d.clients.properties;
      p.rating = p.name;
      delete p.name;
    });
    const p = plan(clientsV(), next);
    expect(ops(p)).toEqual(["drop_column", "rename_column"]);
    expect(replayColumns(["name", "mail", "rating"], p.steps, "clients")).toEqual(
      ["mail", "rating", trashColumnName(V, "f_rating")].sort(),
    );
  });
});

describe("plan: kind and storage changes", () => {
  const tempName = (id: string) => `crm_tmp_v${V}_${shortHash(id)}`;

  it("changes a kind beside the old column: add temp → convert → trash old → rename temp", () => {
    const base = workspace({ clients: table("t_clients", { code: text("f_code", { title: "Code" }) }) }, V);
    const next = edit(base, (d) => (d.clients.properties.code = integer("f_code", { title: "Code" })));
    const p = plan(base, next);
    expect(p.steps).toEqual([
      expect.objectContaining({
        op: "add_column",
        table: "clients",
        column: { name: tempName("f_code"), spec: { type: "bigint" } },
        fieldId: "f_code",
        destructive: false,
      }),
      expect.objectContaining({
        op: "convert_column",
        table: "clients",
        original: { table: "clients", column: "code" },
        from: "code",
        to: tempName("f_code"),
        fromField: base.$defs.clients.properties.code,
        toField: next.$defs.clients.properties.code,
        destructive: true,
      }),
      expect.objectContaining({
        op: "drop_column",
        column: "code",
        trashName: trashColumnName(V, "f_code"),
        definition: base.$defs.clients.properties.code,
        destructive: true,
      }),
      expect.objectContaining({ op: "rename_column", from: tempName("f_code"), to: "code", destructive: false }),
    ]);
    expect(replayColumns(["code"], p.steps, "clients")).toEqual(["code", trashColumnName(V, "f_code")].sort());
    // In the words of the schema designer, not the kinds' keys.
    expect(p.steps[1].description).toBe(
      "Convert every value of “Code” in “Clients” (kind from Text to Whole number); the old values are kept in the trash",
    );
  });

  it("changes a kind and a key at once: the conversion reads the renamed column and remembers the original", () => {
    const base = workspace({ clients: table("t_clients", { code: text("f_code") }) }, V);
    const next = edit(base, (d) => {
      d.customers = table("t_clients", { number: integer("f_code") });
      delete d.clients;
    });
    const p = plan(base, next);
    expect(ops(p)).toEqual(["rename_table", "rename_column", "add_column", "convert_column", "drop_column", "rename_column"]);
    expect(only(p, "convert_column")[0]).toMatchObject({
      table: "customers",
      original: { table: "clients", column: "code" },
      from: "number",
    });
    expect(replayColumns(["code"], p.steps.slice(1), "customers")).toEqual(["number", trashColumnName(V, "f_code")].sort());
  });

  it("widening a text's maxLength is a safe rebuild, narrowing it is destructive", () => {
    const base = workspace({ clients: table("t_clients", { name: text("f_name", { maxLength: 50 }) }) }, V);
    const wider = edit(base, (d) => (d.clients.properties.name.maxLength = 200));
    const widen = plan(base, wider);
    expect(ops(widen)).toEqual(["add_column", "convert_column", "drop_column", "rename_column"]);
    expect(widen.steps.map((s) => s.destructive)).toEqual([false, false, false, false]);
    expect(only(widen, "add_column")[0].column.spec).toEqual({ type: "string", length: 200 });

    // Past the VARCHAR limit the column becomes TEXT: still every value fits.
    const toText = edit(base, (d) => (d.clients.properties.name.maxLength = 10_000));
    expect(plan(base, toText).steps.some((s) => s.destructive)).toBe(false);

    const narrow = plan(wider, base);
    expect(ops(narrow)).toEqual(["add_column", "convert_column", "drop_column", "rename_column"]);
    expect(narrow.steps.map((s) => s.destructive)).toEqual([false, true, true, false]);
  });

  it("drops an index on a rebuilt column first and re-creates it at the end", () => {
    const base = workspace({ clients: table("t_clients", { code: text("f_code", { "x-indexed": true }), name: text("f_name") }) }, V);
    const next = edit(base, (d) => (d.clients.properties.code = integer("f_code", { "x-indexed": true })));
    const p = plan(base, next);
    const name = indexName("t_clients", ["f_code"], false);
    expect(ops(p)).toEqual(["drop_index", "add_column", "convert_column", "drop_column", "rename_column", "add_index"]);
    expect(p.steps[0]).toMatchObject({ name, columns: ["code"] });
    expect(p.steps[5]).toMatchObject({ name, columns: ["code"], unique: false });
  });
});

describe("plan: indexes", () => {
  const base = () => workspace({ clients: table("t_clients", { code: text("f_code"), name: text("f_name", { "x-indexed": true }) }) }, V);

  it("adds an index for x-indexed and a unique one for x-unique, named from ids", () => {
    const next = edit(base(), (d) => (d.clients.properties.code["x-unique"] = true));
    expect(plan(base(), next).steps).toEqual([
      expect.objectContaining({
        op: "add_index",
        table: "clients",
        name: indexName("t_clients", ["f_code"], true),
        columns: ["code"],
        unique: true,
        destructive: false,
      }),
    ]);
  });

  it("drops an index that is no longer wanted, before anything else", () => {
    const next = edit(base(), (d) => {
      delete d.clients.properties.name["x-indexed"];
      d.clients.properties.phone = text("f_phone");
    });
    const p = plan(base(), next);
    expect(ops(p)).toEqual(["drop_index", "add_column"]);
    expect(p.steps[0]).toMatchObject({
      table: "clients",
      name: indexName("t_clients", ["f_name"], false),
      columns: ["name"],
      destructive: false,
    });
  });

  it("keeps the index of a renamed column (and of a renamed table) instead of re-creating it", () => {
    const next = edit(base(), (d) => {
      const p = d.clients.properties;
      p.full_name = p.name;
      delete p.name;
      d.people = d.clients;
      delete d.clients;
    });
    expect(ops(plan(base(), next))).toEqual(["rename_table", "rename_column"]);
  });

  it("turning a plain index into a unique one swaps the two indexes", () => {
    const next = edit(base(), (d) => (d.clients.properties.name = text("f_name", { "x-unique": true })));
    const p = plan(base(), next);
    expect(ops(p)).toEqual(["drop_index", "add_index"]);
    expect(p.steps[0]).toMatchObject({ unique: false });
    expect(p.steps[1]).toMatchObject({ unique: true, name: indexName("t_clients", ["f_name"], true) });
  });
});

describe("plan: formulas", () => {
  const money = (id: string): FieldSchema => ({ type: "number", "x-id": id, "x-kind": "money" });
  const formula = (id: string, expr: string): FieldSchema => ({
    type: "number",
    "x-id": id,
    "x-kind": "formula",
    "x-formula": expr,
    "x-result": "money",
    "x-scale": 2,
  });
  const base = () =>
    workspace(
      { invoice_lines: table("t_lines", { price: money("f_price"), qty: integer("f_qty"), amount: formula("f_amount", "price * qty") }) },
      V,
    );

  it("recomputes a formula whose expression changed, and nothing else", () => {
    const next = edit(base(), (d) => (d.invoice_lines.properties.amount["x-formula"] = "round(price * qty, 2)"));
    expect(plan(base(), next).steps).toEqual([
      expect.objectContaining({ op: "recompute", table: "invoice_lines", fields: ["amount"], destructive: false }),
    ]);
  });

  it("plans no recompute when only a formula's label changes", () => {
    const next = edit(base(), (d) => (d.invoice_lines.properties.amount.title = "Amount"));
    expect(plan(base(), next).steps).toEqual([]);
  });

  it("adds and then recomputes a new formula field on an existing table", () => {
    const next = edit(base(), (d) => (d.invoice_lines.properties.twice = formula("f_twice", "amount * 2")));
    const p = plan(base(), next);
    expect(ops(p)).toEqual(["add_column", "recompute"]);
    expect(p.steps[1]).toMatchObject({ table: "invoice_lines", fields: ["twice"] });
  });
});

describe("plan: descriptions", () => {
  it("describes every step of a large mixed change in a non-empty sentence", () => {
    const base = workspace(
      {
        clients: table("t_clients", {
          name: text("f_name", { "x-indexed": true }),
          mail: email("f_mail"),
          code: text("f_code"),
          rating: integer("f_rating", { "x-indexed": true }),
        }),
        notes: table("t_notes", { body: text("f_body") }),
        invoice_lines: table("t_lines", {
          qty: integer("f_qty"),
          total: { type: "integer", "x-id": "f_total", "x-kind": "formula", "x-formula": "qty * 2", "x-result": "integer" },
        }),
      },
      V,
    );
    const next = edit(base, (d) => {
      const p = d.clients.properties;
      [p.name, p.mail] = [p.mail, p.name];
      p.code = integer("f_code", { "x-unique": true });
      delete p.rating;
      p.rating = text("f_rating2", { maxLength: 20 });
      delete d.notes;
      d.items = d.invoice_lines;
      delete d.invoice_lines;
      d.items.properties.total["x-formula"] = "qty * 3";
      d.tags = table("t_tags", { label: text("f_label", { "x-indexed": true }) });
    });
    const p = plan(base, next);
    const seen = new Set(ops(p));
    for (const op of [
      "drop_index",
      "drop_table",
      "rename_table",
      "create_table",
      "rename_column",
      "drop_column",
      "add_column",
      "convert_column",
      "add_index",
      "recompute",
    ])
      expect(seen, op).toContain(op);
    for (const step of p.steps) {
      expect(step.description, step.op).toMatch(/^[A-Z][^\n]*\S$/);
      expect(step.description.split(/\s+/).length, step.description).toBeGreaterThanOrEqual(3);
      expect(step.description, step.description).not.toMatch(/undefined|null|NaN|\[object/);
    }
  });
});
