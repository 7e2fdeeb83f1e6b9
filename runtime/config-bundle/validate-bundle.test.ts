import { describe, expect, it } from "vitest";
import { parseBundleText, validateBundle } from "./validate-bundle";
import { sampleBundle } from "@tests/helpers/sample-bundle";

const problemsOf = (raw: unknown) => {
  const result = validateBundle(raw);
  if (result.ok) throw new Error("expected the bundle to be refused");
  return result.problems;
};

describe("validateBundle", () => {
  it("accepts a bundle of the seeded configuration", () => {
    const result = validateBundle(sampleBundle());
    expect(result.ok).toBe(true);
  });

  it("refuses something that is not a bundle, saying what it is instead", () => {
    expect(problemsOf([])).toEqual([{ path: "/", message: expect.stringContaining("JSON object") }]);
    const bareSchema = sampleBundle().schema;
    expect(problemsOf(bareSchema)).toEqual([{ path: "/format", message: expect.stringContaining("PUT /api/schema") }]);
  });

  it("refuses a format version it does not know instead of guessing", () => {
    expect(problemsOf({ ...sampleBundle(), formatVersion: 2 })).toEqual([
      { path: "/formatVersion", message: expect.stringContaining("format 1") },
    ]);
  });

  it("names the JSON path of every envelope problem", () => {
    const bundle = sampleBundle() as unknown as Record<string, unknown>;
    delete bundle.views;
    bundle.extra = true;
    (bundle.templates as Record<string, unknown>[])[1].page = {
      size: "A5",
      orientation: "portrait",
      margins: { top: 1, right: 1, bottom: 1, left: 1 },
    };
    (bundle.layouts as Record<string, unknown>[])[0].tableId = "not an id";
    const paths = problemsOf(bundle).map((p) => `${p.path} ${p.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/ needs "views"',
        expect.stringMatching(/^\/ "extra" is not part of a configuration bundle/),
        expect.stringMatching(/^\/templates\/1\/page\/size must be one of "A4", "Letter"/),
        expect.stringMatching(/^\/layouts\/0\/tableId /),
      ]),
    );
  });

  it("checks the workspace schema with the schema gate, under /schema", () => {
    const bundle = sampleBundle();
    (bundle.schema.$defs.clients.properties.name as unknown as Record<string, unknown>)["x-kind"] = "colour";
    const problems = problemsOf(bundle);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.path.startsWith("/schema/$defs/clients/properties/name"))).toBe(true);
  });

  it("keeps a schema problem's phrase, for the import screen to say in the admin's language", () => {
    const bundle = sampleBundle();
    (bundle.schema.$defs.clients as unknown as Record<string, unknown>)["x-title-field"] = "nickname";
    const [problem] = problemsOf(bundle);
    expect(problem.path).toBe("/schema/$defs/clients/x-title-field");
    expect(problem.words).toMatchObject({ key: "schemaProblems.titleMissing", values: { name: "nickname" } });
  });

  it("checks layouts, views and templates against the bundle's own schema", () => {
    const bundle = sampleBundle();
    bundle.layouts.push({ tableId: "t_gone", layout: bundle.layouts[0].layout });
    bundle.layouts.push(structuredClone(bundle.layouts[0]));
    const layout = bundle.layouts[0].layout as unknown as { elements: unknown[] };
    // Point one control at a field the schema does not have.
    const findControl = (els: unknown[]): Record<string, unknown> | undefined => {
      for (const el of els as Record<string, unknown>[]) {
        if (el.type === "Control") return el;
        const inner = el.elements ? findControl(el.elements as unknown[]) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    findControl(layout.elements)!["x-field"] = "f_no_such_field";
    bundle.views.push({ ...bundle.views[1] });
    bundle.views.push({ tableId: "t_gone", name: "Old", default: false, state: {} });
    bundle.templates[2].table = "receipts";
    bundle.templates.push({ ...bundle.templates[0] });
    const problems = problemsOf(bundle);
    const at = (path: string) => problems.filter((p) => p.path.startsWith(path)).map((p) => p.message);
    expect(at("/layouts/0/layout/").join()).toContain('no field with id "f_no_such_field"');
    expect(at("/layouts/1/tableId")).toEqual([expect.stringContaining('"t_gone"')]);
    expect(at("/layouts/2/tableId")).toEqual([expect.stringContaining("second layout")]);
    expect(at("/views/2/name")).toEqual([expect.stringContaining('two shared views named "Companies"')]);
    expect(at("/views/3/tableId")).toEqual([expect.stringContaining("t_gone")]);
    expect(at("/templates/2/table")).toEqual([expect.stringContaining('no table "receipts"')]);
    expect(at("/templates/3/id")).toEqual([expect.stringContaining("unique")]);
  });
});

describe("parseBundleText", () => {
  it("reads JSON and explains a file that is not", () => {
    expect(parseBundleText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseBundleText("  ")).toEqual({ ok: false, problems: [{ path: "/", message: expect.stringContaining("empty") }] });
    expect(parseBundleText("{nope")).toEqual({
      ok: false,
      problems: [{ path: "/", message: expect.stringMatching(/^the file is not valid JSON \(.+\); choose a bundle/) }],
    });
  });

  it("refuses a Word template of a table the bundle's schema lacks, a second one of the same name, content that is not base64", () => {
    const bundle = sampleBundle();
    const content = Buffer.from("PK not really a docx").toString("base64");
    bundle.wordTemplates = [
      { tableId: "t_invoices", table: "invoices", name: "Contract", content },
      { tableId: "t_invoices", name: " contract ", content },
      { tableId: "t_nowhere", name: "Letter", content },
    ];
    expect(problemsOf(bundle)).toEqual([
      { path: "/wordTemplates/1/name", message: 'Invoices have two Word templates named "contract": rename one' },
      { path: "/wordTemplates/2/tableId", message: expect.stringContaining('no table of the bundle\'s schema has the x-id "t_nowhere"') },
    ]);
    bundle.wordTemplates = [{ tableId: "t_invoices", name: "Contract", content: "not base64!" }];
    expect(problemsOf(bundle).map((p) => p.path)).toEqual(["/wordTemplates/0/content"]);
  });
});
