import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { languagePack } from "../i18n/catalogs.server";
import { createTranslator } from "../i18n/translator";
import { plan } from "../migrations/plan";
import type { WorkspaceSchema } from "../schema/types";
import type { ConfigBundle } from "./bundle-format";
import { describeImport, ENGLISH_REVIEW_WORDS, type InstalledConfiguration } from "./describe-import";
import { sampleBundle } from "@tests/helpers/sample-bundle";

/** An installation holding exactly what the bundle holds. */
function installedFrom(bundle: ConfigBundle): InstalledConfiguration {
  const copy = structuredClone(bundle);
  return {
    schema: { ...copy.schema, "x-version": 17 },
    layouts: copy.layouts,
    views: copy.views,
    templates: copy.templates,
    rules: copy.rules ?? [],
    home: copy.home ?? [],
    wordTemplates: copy.wordTemplates ?? [],
  };
}

const stepsBetween = (from: WorkspaceSchema, to: WorkspaceSchema) =>
  plan(from, to).steps.map((s) => ({ description: s.description, destructive: s.destructive }));

describe("describeImport", () => {
  it("says there is nothing to do when the installation already has the bundle (whatever its version number)", () => {
    const bundle = sampleBundle();
    const review = describeImport(installedFrom(bundle), bundle, []);
    expect(review.noChanges).toBe(true);
    expect(review.needsConfirmation).toBe(false);
    expect(review.summary).toBe("No changes: this installation already has exactly this configuration.");
    expect([...review.layouts, ...review.views, ...review.templates].every((i) => i.action === "unchanged")).toBe(true);
  });

  it("tells a change of labels only from one that touches the database", () => {
    const bundle = sampleBundle();
    const installed = installedFrom(bundle);
    bundle.schema.$defs.clients.properties.name.title = "Client name";
    const review = describeImport(installed, bundle, stepsBetween(installed.schema, bundle.schema));
    expect(review.schema).toMatchObject({ changed: true, steps: [], destructiveSteps: 0 });
    expect(review.summary).toBe("Only labels, help texts or settings change: the database stays as it is.");
    expect(review.noChanges).toBe(false);
  });

  it("lists the plan's steps in plain words and marks the ones that remove data for confirmation", () => {
    const bundle = sampleBundle();
    const installed = installedFrom(bundle);
    delete bundle.schema.$defs.clients.properties.notes;
    bundle.schema.$defs.clients.properties.vat_exempt = {
      type: "boolean",
      "x-id": "f_clients_vat_exempt",
      "x-kind": "boolean",
      title: "VAT exempt",
    };
    const review = describeImport(installed, bundle, stepsBetween(installed.schema, bundle.schema));
    expect(review.needsConfirmation).toBe(true);
    expect(review.schema.destructiveSteps).toBe(1);
    const destructive = review.schema.steps.filter((s) => s.destructive).map((s) => s.description);
    expect(destructive).toEqual([expect.stringMatching(/Notes/)]);
    expect(review.schema.steps.some((s) => !s.destructive && /VAT exempt/.test(s.description))).toBe(true);
    expect(review.summary).toMatch(
      /^The database changes in \d+ steps; 1 step removes or converts data \(moved to the trash, restorable there\)\.$/,
    );
  });

  it("says which layouts, views and templates are added, replaced or already the same", () => {
    const bundle = sampleBundle();
    const installed = installedFrom(bundle);
    installed.layouts = [];
    installed.views = installed.views.filter((v) => v.default).map((v) => ({ ...v, state: { pageSize: 25 } }));
    bundle.templates[0].css += "\nh1 { color: navy; }";
    const review = describeImport(installed, bundle, []);
    expect(review.layouts).toEqual([{ key: "t_clients", name: "Card of Clients", action: "add" }]);
    expect(review.views.map((v) => [v.name, v.action])).toEqual([
      ["List settings of Clients", "replace"],
      ["View “Companies” of Clients", "add"],
    ]);
    expect(review.templates.map((t) => t.action)).toEqual(["replace", "unchanged", "unchanged"]);
    expect(review.summary).toBe("Card layouts: 1 added. List views: 1 added, 1 replaced. Print templates: 1 replaced.");
  });

  it("reviews Word templates by table and name: a new one added, a changed .docx replaced, the same one unchanged", () => {
    const bundle = sampleBundle();
    const docx = (text: string) => Buffer.from(text).toString("base64");
    bundle.wordTemplates = [
      { tableId: "t_invoices", table: "invoices", name: "Contract", content: docx("v2") },
      { tableId: "t_invoices", table: "invoices", name: "Letter", content: docx("same"), createdAt: "2026-12-01" },
      { tableId: "t_clients", table: "clients", name: "Letter", content: docx("same") },
    ];
    const installed = installedFrom(bundle);
    installed.wordTemplates = [
      { tableId: "t_invoices", name: "contract", content: docx("v1") },
      { tableId: "t_invoices", name: "Letter", content: docx("same"), createdAt: "2026-11-01" },
    ];
    const review = describeImport(installed, bundle, []);
    expect(review.wordTemplates).toEqual([
      { key: "t_invoices/contract", name: "Word template “Contract” of Invoices", action: "replace" },
      { key: "t_invoices/letter", name: "Word template “Letter” of Invoices", action: "unchanged" },
      { key: "t_clients/letter", name: "Word template “Letter” of Clients", action: "add" },
    ]);
    expect(review.summary).toBe("Word templates: 1 added, 1 replaced.");
    // Without the key, the installation's Word templates are not part of the review.
    delete bundle.wordTemplates;
    expect(describeImport(installed, bundle, []).wordTemplates).toEqual([]);
  });

  it("says in English what the English catalog says, and in a reader's words when given them", () => {
    const english = JSON.parse(fs.readFileSync(path.join(process.cwd(), "locales", "en.json"), "utf8")) as Record<string, unknown>;
    const message = (key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], english);
    for (const [key, text] of Object.entries(ENGLISH_REVIEW_WORDS))
      if (typeof text === "string") expect([key, message(key)]).toEqual([key, text]);
      else expect([key, message(`${key}_one`), message(`${key}_other`)]).toEqual([key, text.one, text.other]);

    const bundle = sampleBundle();
    const installed = installedFrom(bundle);
    delete bundle.schema.$defs.clients.properties.name.title;
    bundle.layouts = [];
    const swedish = createTranslator(languagePack("sv"));
    const review = describeImport(installed, bundle, [{ description: "…", destructive: true }], (key, values) => swedish.t(key, values));
    expect(review.summary).toMatch(/^Databasen ändras i 1 steg; 1 steg tar bort eller konverterar data/);
    expect(describeImport(installed, bundle, [{ description: "…", destructive: true }]).summary).toMatch(
      /^The database changes in 1 step; 1 step removes or converts data/,
    );
  });
});
