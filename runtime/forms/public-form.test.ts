import { describe, expect, it } from "vitest";
import schemaJson from "../../seeds/schema.json";
import { defaultLayout } from "../layouts/default-layout";
import type { CardLayout } from "../layouts/types";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import {
  formFieldKeys,
  frameAncestors,
  parseAllowedOrigins,
  publishedSchema,
  postOriginAllowed,
  publicLayout,
  publishableField,
  requiredFieldsMissing,
  SLUG_PATTERN,
  utmFrom,
} from "./public-form";

const compiled = compileSchema(schemaJson as unknown as WorkspaceSchema);
const leads = compiled.tablesByKey.get("leads")!;
const id = (key: string) => leads.fieldsByKey.get(key)!.id;

describe("publishableField", () => {
  it("offers what a visitor can type, not computed values, links or the UTM fields", () => {
    const offered = leads.fields.filter(publishableField).map((f) => f.key);
    expect(offered).toContain("name");
    expect(offered).toContain("region");
    expect(offered).not.toContain("score");
    expect(offered).not.toContain("owner");
    expect(offered).not.toContain("campaign");
    expect(offered).not.toContain("utm_source");
  });
});

describe("publicLayout", () => {
  it("keeps only the chosen fields, turns tabs into sections and drops emptied ones", () => {
    const card: CardLayout = {
      type: "Categorization",
      elements: [
        {
          type: "Category",
          label: "Contact",
          elements: [
            { type: "Control", scope: "#/properties/name", "x-field": id("name") },
            { type: "Control", scope: "#/properties/owner", "x-field": id("owner") },
            { type: "Control", scope: "#/properties/email", "x-field": id("email"), options: { readOnly: true } },
          ],
        },
        { type: "Category", label: "Sales", elements: [{ type: "Control", scope: "#/properties/status", "x-field": id("status") }] },
      ],
    };
    const layout = publicLayout(card, leads, new Set([id("name"), id("owner"), id("email"), id("status")]));
    expect(layout).toEqual({
      type: "VerticalLayout",
      elements: [
        { type: "Group", label: "Contact", elements: [{ type: "Control", scope: "#/properties/name", "x-field": id("name") }] },
        { type: "Group", label: "Sales", elements: [{ type: "Control", scope: "#/properties/status", "x-field": id("status") }] },
      ],
    });
    expect(formFieldKeys(layout, leads)).toEqual(["name", "status"]);
    // One section left needs no heading of its own; nor does a tab that is all sections.
    const alone = publicLayout(card, leads, new Set([id("name")]));
    expect(alone).toEqual({ type: "VerticalLayout", elements: [{ type: "Control", scope: "#/properties/name", "x-field": id("name") }] });
  });

  it("never lets a stored layout publish a field a visitor may not set", () => {
    const everything = publicLayout(defaultLayout(leads), leads, new Set(leads.fields.map((f) => f.id)));
    expect(formFieldKeys(everything, leads)).not.toContain("owner");
    expect(formFieldKeys(defaultLayout(leads), leads)).not.toContain("score");
  });
});

describe("requiredFieldsMissing", () => {
  it("names required fields without a default that the form leaves out", () => {
    expect(requiredFieldsMissing(leads, ["email"]).map((f) => f.key)).toEqual(["name"]);
    expect(requiredFieldsMissing(leads, ["name"])).toEqual([]);
  });
});

describe("origins", () => {
  it("reads origins one per line or by commas, and says what is wrong with one that is not", () => {
    expect(parseAllowedOrigins("https://a.example\nhttps://b.example:8443/, https://a.example")).toEqual({
      ok: true,
      origins: ["https://a.example", "https://b.example:8443"],
    });
    expect(parseAllowedOrigins("")).toEqual({ ok: true, origins: [] });
    expect(parseAllowedOrigins("www.example.com")).toMatchObject({ ok: false, error: expect.stringMatching(/https:\/\/www.example.com/) });
    expect(parseAllowedOrigins("https://a.example/contact")).toMatchObject({ ok: false, error: expect.stringMatching(/has a path/) });
    expect(parseAllowedOrigins("ftp://a.example")).toMatchObject({ ok: false });
  });

  it("lets anyone post without allowed origins, else only those and the form's own site", () => {
    const self = ["https://crm.example"];
    const allowed = ["https://www.example.com"];
    expect(postOriginAllowed({ origin: "https://evil.example", referer: null, selfOrigins: self }, [])).toBe(true);
    expect(postOriginAllowed({ origin: "https://www.example.com", referer: null, selfOrigins: self }, allowed)).toBe(true);
    expect(postOriginAllowed({ origin: "https://crm.example", referer: null, selfOrigins: self }, allowed)).toBe(true);
    expect(postOriginAllowed({ origin: "https://evil.example", referer: "https://www.example.com/x", selfOrigins: self }, allowed)).toBe(
      false,
    );
    expect(postOriginAllowed({ origin: null, referer: "https://www.example.com/contact", selfOrigins: self }, allowed)).toBe(true);
    expect(postOriginAllowed({ origin: "null", referer: null, selfOrigins: self }, allowed)).toBe(false);
    expect(postOriginAllowed({ origin: null, referer: null, selfOrigins: self }, allowed)).toBe(false);
  });

  it("frames anywhere without allowed origins, else there and on this site", () => {
    expect(frameAncestors([])).toBe("*");
    expect(frameAncestors(["https://a.example"])).toBe("'self' https://a.example");
  });
});

describe("slugs and UTM values", () => {
  it("takes short lower-case slugs with inner dashes", () => {
    expect(["contact-us", "a", "web2lead"].every((s) => SLUG_PATTERN.test(s))).toBe(true);
    expect(["-a", "a-", "Contact", "a/b", "", "a".repeat(65)].some((s) => SLUG_PATTERN.test(s))).toBe(false);
  });

  it("keeps UTM values trimmed and cut to size, and drops empty ones", () => {
    const params = new URLSearchParams({ utm_source: " newsletter ", utm_campaign: "", utm_medium: "email" });
    expect(utmFrom((n) => params.get(n))).toEqual({ utm_source: "newsletter" });
    expect(utmFrom(() => "x".repeat(500)).utm_campaign).toHaveLength(200);
  });
});

describe("what a visitor's page is told", () => {
  it("refuses an allowed origin that would add a directive to the page's security policy", () => {
    expect(parseAllowedOrigins("https://a.example;script-src")).toMatchObject({ ok: false });
    expect(parseAllowedOrigins("https://a.example https://[2001:db8::1]:8443")).toEqual({
      ok: true,
      origins: ["https://a.example", "https://[2001:db8::1]:8443"],
    });
  });

  it("carries only the form's table and its published fields", () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      "x-groups": [{ key: "crm", title: "CRM" }],
      $defs: {
        leads: {
          type: "object",
          "x-id": "t_leads",
          title: "Lead",
          "x-title-field": "name",
          "x-indexes": [{ "x-id": "i", fields: ["score"] }],
          required: ["name", "owner"],
          properties: {
            name: { type: "string", "x-id": "f_name", "x-kind": "text" },
            email: { type: "string", "x-id": "f_email", "x-kind": "email" },
            score: { type: "integer", "x-id": "f_score", "x-kind": "integer" },
            owner: { type: "integer", "x-id": "f_owner", "x-kind": "relation", "x-target": "crm_users" },
          },
        },
        deals: { type: "object", "x-id": "t_deals", properties: {} },
      },
    } as unknown as WorkspaceSchema;
    const published = publishedSchema(schema, "leads", ["name", "email"]);
    expect(Object.keys(published.$defs)).toEqual(["leads"]);
    expect(Object.keys(published.$defs.leads.properties)).toEqual(["name", "email"]);
    expect(published.$defs.leads.required).toEqual(["name"]);
    expect(JSON.stringify(published)).not.toMatch(/x-groups|x-indexes|score|owner|deals/);
  });
});
