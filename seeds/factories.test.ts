import { describe, it, expect, vi } from "vitest";
import type { WorkspaceSchema } from "@runtime/schema/types";
import {
  addDays,
  makeClient,
  makeCompany,
  makeContact,
  makeContract,
  makeContractItem,
  makeEvent,
  makeInvoice,
  makeInvoiceItem,
  makePayment,
  makeProduct,
  makeProductCategory,
  makeUser,
  slugOf,
} from "./factories";
import schemaJson from "./schema.json";
import { seedProblems } from "./seed-problems";
import { recordRef, type SeedRecord } from "./seed-record";
import { valueSchemaProblems } from "./value-schema-problems";

const schema = schemaJson as unknown as WorkspaceSchema;

const FACTORIES = {
  makeClient,
  makeCompany,
  makeContact,
  makeContract,
  makeContractItem,
  makeEvent,
  makeInvoice,
  makeInvoiceItem,
  makePayment,
  makeProduct,
  makeProductCategory,
  makeUser,
} as const;

/** One record of every table built by the factories, linked the way seeds link them. */
function chain(seed: number): SeedRecord[] {
  const user = recordRef("crm_users", "u");
  return [
    { table: "company", ref: "c", values: makeCompany({}, seed) },
    { table: "product_categories", ref: "cat", values: makeProductCategory({}, seed) },
    { table: "products", ref: "p", values: makeProduct({ category: recordRef("product_categories", "cat") }, seed) },
    { table: "clients", ref: "cl", values: makeClient({ manager: user }, seed) },
    { table: "contacts", ref: "co", values: makeContact({ client: recordRef("clients", "cl") }, seed) },
    {
      table: "contracts",
      ref: "ct",
      values: makeContract(
        { client: recordRef("clients", "cl"), manager: user, items: [makeContractItem({ product: recordRef("products", "p") }, seed)] },
        seed,
      ),
    },
    {
      table: "invoices",
      ref: "i",
      values: makeInvoice(
        {
          client: recordRef("clients", "cl"),
          contract: recordRef("contracts", "ct"),
          items: [makeInvoiceItem({}, seed), makeInvoiceItem({ position: 2 }, seed + 1)],
        },
        seed,
      ),
    },
    { table: "payments", ref: "pay", values: makePayment({ invoice: recordRef("invoices", "i") }, seed) },
    { table: "events", ref: "e", values: makeEvent({ client: recordRef("clients", "cl"), assignee: user }, seed) },
  ];
}

describe("factories", () => {
  it("give the same record for the same seed, and different records for different seeds", () => {
    for (const [name, make] of Object.entries(FACTORIES)) {
      const build = make as (overrides?: object, seed?: number) => object;
      expect(build({}, 7), name).toEqual(build({}, 7));
      const distinct = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(build({}, i + 1))));
      expect(distinct.size, name).toBeGreaterThan(10);
    }
  });

  it("never call Math.random", () => {
    const random = vi.spyOn(Math, "random");
    try {
      for (let seed = 1; seed <= 5; seed++) chain(seed);
      expect(random).not.toHaveBeenCalled();
    } finally {
      random.mockRestore();
    }
  });

  it("let overrides win, and drop a field overridden with undefined", () => {
    const client = makeClient({ name: "Zeta Ltd", tax_id: undefined, status: "inactive" }, 3);
    expect(client.name).toBe("Zeta Ltd");
    expect(client.status).toBe("inactive");
    expect("tax_id" in client).toBe(false);
    expect(makeClient({}, 3).tax_id).toEqual(expect.any(String));
  });

  it("build records that fit the schema and each kind's value schema, for many seeds", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const records = chain(seed);
      expect(seedProblems(schema, records, [{ ref: "u" }]), `seed ${seed}`).toEqual([]);
      expect(valueSchemaProblems(schema, records), `seed ${seed}`).toEqual([]);
    }
  });

  it("make users with a role and an email", () => {
    const user = makeUser({ role: "accountant" }, 4);
    expect(user.role).toBe("accountant");
    expect(user.email).toMatch(/^[a-z.]+@example\.com$/);
    expect(user.active).toBe(true);
  });
});

describe("helpers", () => {
  it("slugOf strips accents and apostrophes", () => {
    expect(slugOf("Ciarán O'Brien", ".")).toBe("ciaran.obrien");
    expect(slugOf("Jürgen Weiß & Söhne")).toBe("jurgen-weiss-sohne");
  });

  it("addDays crosses months, years and leap days", () => {
    expect(addDays("2026-01-30", 30)).toBe("2026-03-01");
    expect(addDays("2025-12-20", 14)).toBe("2026-01-03");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
