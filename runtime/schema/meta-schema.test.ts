import { describe, it, expect } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import { fieldKinds } from "../fields/registry";
import type { FieldKindDef } from "../fields/types";
import fixture from "./fixtures/realistic-workspace.json";
import {
  buildWorkspaceMetaSchema,
  compileWorkspaceMetaSchema,
  escapePointerSegment,
  JSON_SCHEMA_DRAFT,
  metaSchemaProblems,
  validateWorkspaceMeta,
  workspaceMetaSchema,
} from "./meta-schema";
import { FIELD_KINDS, type FieldKind } from "./types";

/* eslint-disable @typescript-eslint/no-explicit-any -- tests break documents on purpose */
const workspace = (): any => structuredClone(fixture);

describe("workspaceMetaSchema", () => {
  it("is itself a valid JSON Schema 2020-12 document", () => {
    const ajv = new Ajv2020({ strict: false, discriminator: true });
    expect(workspaceMetaSchema.$schema).toBe(JSON_SCHEMA_DRAFT);
    expect(ajv.validateSchema(workspaceMetaSchema), JSON.stringify(ajv.errors)).toBe(true);
  });

  it("holds every kind's definition schema from the registry and picks one by x-kind", () => {
    const defs = workspaceMetaSchema.$defs as Record<string, any>;
    for (const kind of FIELD_KINDS) expect(defs[`field_${kind}`]).toBe(fieldKinds[kind].definitionSchema);
    expect(defs.field.discriminator).toEqual({ propertyName: "x-kind" });
    expect(defs.field.oneOf).toHaveLength(FIELD_KINDS.length);
  });

  it("accepts the realistic fixture", () => {
    const validate = validateWorkspaceMeta();
    expect(validate(workspace()), JSON.stringify(validate.errors)).toBe(true);
  });

  it("follows the registry: a keyword a kind declares becomes allowed", () => {
    const text = fieldKinds.text.definitionSchema as { properties: Record<string, unknown> };
    const widened: Record<FieldKind, FieldKindDef> = {
      ...fieldKinds,
      text: { ...fieldKinds.text, definitionSchema: { ...text, properties: { ...text.properties, "x-mask": { type: "string" } } } },
    };
    const doc = workspace();
    doc.$defs.clients.properties.name["x-mask"] = "AA-999";
    expect(metaSchemaProblems(doc).map((p) => p.path)).toEqual(["/$defs/clients/properties/name/x-mask"]);
    expect(metaSchemaProblems(doc, compileWorkspaceMetaSchema(buildWorkspaceMetaSchema(widened)))).toEqual([]);
  });

  it("gives one error for a bad keyword of a field, not one per kind", () => {
    const doc = workspace();
    doc.$defs.clients.properties.name.maxLength = "long";
    expect(metaSchemaProblems(doc)).toEqual([
      { path: "/$defs/clients/properties/name/maxLength", message: "must be an integer, not a string" },
    ]);
  });

  it("says which kind a missing keyword belongs to", () => {
    const doc = workspace();
    delete doc.$defs.invoices.properties.number["x-pattern"];
    expect(metaSchemaProblems(doc)).toEqual([
      { path: "/$defs/invoices/properties/number/x-pattern", message: '"x-pattern" is missing; an autonumber field needs it' },
    ]);
  });

  it("reports keys of other objects at the key's own path", () => {
    const doc = workspace();
    doc.$defs.clients.properties.segment["x-labels"][""] = "empty";
    const problems = metaSchemaProblems(doc);
    expect(problems.map((p) => p.path)).toContain("/$defs/clients/properties/segment/x-labels/");
  });

  it("compiles in strict mode, so a typo in a registry fragment fails loudly", () => {
    const broken: Record<FieldKind, FieldKindDef> = {
      ...fieldKinds,
      text: { ...fieldKinds.text, definitionSchema: { ...fieldKinds.text.definitionSchema, maxLenght: 3 } },
    };
    expect(() => compileWorkspaceMetaSchema(buildWorkspaceMetaSchema(broken))).toThrow(/maxLenght/);
  });
});

describe("escapePointerSegment", () => {
  it("escapes ~ and / as RFC 6901 says", () => {
    expect(escapePointerSegment("a/b~c")).toBe("a~1b~0c");
    expect(escapePointerSegment("plain")).toBe("plain");
  });
});
