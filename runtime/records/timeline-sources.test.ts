import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import schema from "../../seeds/schema.json";
import { timelineSources } from "./timeline-sources";

const compiled = compileSchema(schema as unknown as WorkspaceSchema, 1);
const sourcesOf = (table: string) => timelineSources(compiled, compiled.tablesByKey.get(table)!).map((s) => s.key);

describe("timelineSources", () => {
  it("takes what points at a client, what is about it, and the payments of its invoices", () => {
    const keys = sourcesOf("clients");
    expect(keys).toEqual(
      expect.arrayContaining(["events.client", "contacts.client", "invoices.client", "tasks.about_id", "notes.about_id"]),
    );
    expect(keys).toContain("payments.invoice>invoices.client");
    // Lines belong to their invoice; events also point at contacts, but they join directly already.
    expect(keys.some((k) => k.startsWith("invoice_items") || k.startsWith("contract_items"))).toBe(false);
    expect(keys.filter((k) => k.startsWith("events."))).toEqual(["events.client"]);
  });

  it("gives a table only lines point at what is about it", () => {
    expect(sourcesOf("deals")).toEqual(["events.deal", "tasks.about_id", "notes.about_id"]);
    expect(sourcesOf("products")).toEqual(["tasks.about_id", "notes.about_id"]);
  });
});
