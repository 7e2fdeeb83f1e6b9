import PizZip from "pizzip";
import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { withFieldRenamed } from "@tests/helpers/schema-edits";
import { docxReferenceProblems, followRenamesInDocx } from "./docx-renames";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const run = (text: string, attrs = "") => `<w:r><w:rPr><w:b/></w:rPr><w:t${attrs}>${text}</w:t></w:r>`;
const para = (...runs: string[]) => `<w:p>${runs.join("")}</w:p>`;

function docx(body: string, footer?: string): Buffer {
  const zip = new PizZip();
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  if (footer) zip.file("word/footer1.xml", `<?xml version="1.0" encoding="UTF-8"?><w:ftr ${W}>${footer}</w:ftr>`);
  return zip.generate({ type: "nodebuffer" });
}

const part = (bytes: Buffer, name = "word/document.xml") => new PizZip(bytes).file(name)!.asText();
const textOf = (xml: string) => [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");

/** The seeded schema, and the same with clients.name → full_name and invoice_items.description → text. */
function schemas() {
  const schema = structuredClone(DEFAULT_CONFIGURATION.configuration.schema) as WorkspaceSchema;
  const renamed = withFieldRenamed(withFieldRenamed(schema, "clients", "name", "full_name"), "invoice_items", "description", "text");
  return { before: compileSchema(schema), after: compileSchema(renamed) };
}

describe("Word templates follow renamed fields", () => {
  const { before, after } = schemas();

  it("rewrites a tag Word split over runs, keeping the runs' formatting and the text around it", () => {
    const bytes = docx(
      para(
        run("Dear {record.cli", ' xml:space="preserve"'),
        run("ent.na"),
        run("me}, about ", ' xml:space="preserve"'),
        run("{record.number}"),
      ) + para(run("{company.name} &amp; {record.client.name | upper}")),
    );
    const out = followRenamesInDocx(bytes, "invoices", before, after)!;
    const xml = part(out);
    expect(textOf(xml)).toBe("Dear {record.client.full_name}, about {record.number}{company.name} &amp; {record.client.full_name | upper}");
    // The rest of a split tag leaves its runs empty; a run whose text now starts with a space keeps it.
    expect(xml).toContain('<w:t xml:space="preserve">Dear {record.client.full_name}</w:t>');
    expect(xml).toContain('<w:t xml:space="preserve"></w:t>');
    expect(xml.match(/<w:b\/>/g)).toHaveLength(5);
  });

  it("follows loops: a row's field is renamed on the row's table, the record's own fields inside the loop too", () => {
    const bytes = docx(
      [
        para(run("{#record.items}")),
        para(run("{description}: {record.client.name} {quantity}")),
        para(run("{/record.items}")),
        para(run("{description}")),
      ].join(""),
      para(run("{record.client.name}")),
    );
    const out = followRenamesInDocx(bytes, "invoices", before, after)!;
    expect(textOf(part(out))).toBe("{#record.items}{text}: {record.client.full_name} {quantity}{/record.items}{description}");
    expect(textOf(part(out, "word/footer1.xml"))).toBe("{record.client.full_name}");
  });

  it("renames a loop's path in its opening and closing tags alike, and leaves a template without renamed fields alone", () => {
    const { before: b, after: a } = schemas();
    const loops = docx(para(run("{#record.client}{name}{/record.client}")));
    expect(textOf(part(followRenamesInDocx(loops, "invoices", b, a)!))).toBe("{#record.client}{full_name}{/record.client}");
    expect(followRenamesInDocx(docx(para(run("{record.number} {today}"))), "invoices", b, a)).toBeNull();
    expect(followRenamesInDocx(loops, "invoices", b, b)).toBeNull();
  });

  it("keeps filters, escaped quotes and the other tag kinds intact while renaming their paths", () => {
    const bytes = docx(
      para(run("{@record.client.name} {record.client.name | default: &quot;–&quot;} {^record.items}none{/record.items}")) +
        para(run("{-w:p record.items}{description}{/record.items}")),
    );
    const xml = part(followRenamesInDocx(bytes, "invoices", before, after)!);
    expect(textOf(xml)).toBe(
      '{@record.client.full_name} {record.client.full_name | default: "–"} {^record.items}none{/record.items}{-w:p record.items}{text}{/record.items}',
    );
  });

  it("names the fields a template uses that the schema does not have, through relations and loops", () => {
    const bytes = docx(
      para(run("{record.client.name} {record.client.vat_no} {#record.items}{description} {colour} {record.number}{/record.items}")) +
        para(run("{company.nickname} {today} {record.nope}")),
    );
    expect(docxReferenceProblems(bytes, "invoices", before)).toMatchObject([
      { path: "record.client.vat_no", message: '{record.client.vat_no}: there is no field "vat_no" in Clients' },
      { path: "colour", message: '{colour}: there is no field "colour" in Invoice lines' },
      { path: "company.nickname", message: '{company.nickname}: there is no field "nickname" in Company' },
      { path: "record.nope", message: '{record.nope}: there is no field "nope" in Invoices' },
    ]);
    // After the rename, the old key is what is missing.
    expect(docxReferenceProblems(bytes, "invoices", after).map((p) => p.path)).toEqual([
      "record.client.name",
      "record.client.vat_no",
      "description",
      "colour",
      "company.nickname",
      "record.nope",
    ]);
  });
});
