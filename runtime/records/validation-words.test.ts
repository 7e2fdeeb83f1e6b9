import { describe, expect, it } from "vitest";
import { languagePack } from "../i18n/catalogs.server";
import { createTranslator } from "../i18n/translator";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { validateValues } from "./validation";

const schema: WorkspaceSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $defs: {
    clients: {
      type: "object",
      "x-id": "t_cli",
      title: "Client",
      "x-plural": "Clients",
      required: ["name"],
      properties: {
        name: { type: "string", title: "Name", "x-id": "f_name", "x-kind": "text", maxLength: 5 },
        email: { type: "string", title: "Email", "x-id": "f_email", "x-kind": "email" },
        discount: { type: "string", title: "Discount", "x-id": "f_disc", "x-kind": "decimal", "x-scale": 2 },
      },
    },
  },
};
const compiled = compileSchema(schema, 1);
const clients = compiled.tablesByKey.get("clients")!;
const check = (values: Record<string, unknown>, language?: string) =>
  validateValues(compiled, clients, values, "create", undefined, language ? createTranslator(languagePack(language)).t : undefined);

describe("a record's problems in words", () => {
  it("are English without a translator, as the API answers", () => {
    expect(check({ email: "nope" })).toEqual({ name: "Name is required", email: "Email must be a valid email address" });
    expect(check({ name: "Too long a name" }).name).toBe("Name is too long: at most 5 characters");
  });

  it("read in the reader's language with one, the same problems", () => {
    expect(check({ email: "nope" }, "sv")).toEqual({ name: "Name måste fyllas i", email: "Email måste vara en giltig e-postadress" });
    expect(check({ name: "Too long a name" }, "zh").name).toBe("Name过长：最多 5 个字符");
    expect(Object.keys(check({ email: "nope", discount: "1.234" }, "hy"))).toEqual(
      Object.keys(check({ email: "nope", discount: "1.234" })),
    );
  });
});
