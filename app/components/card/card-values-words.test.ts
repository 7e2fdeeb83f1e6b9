import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "@runtime/i18n/translator";
import { compileSchema } from "@runtime/schema/compile";
import { invoicesTable } from "@runtime/views/test-table";
import { FORM_KEYS, parseCardForm } from "./card-values";

const swedish = () => {
  const messages = JSON.parse(fs.readFileSync(path.resolve("locales/sv.json"), "utf8")) as Record<string, unknown>;
  const { t } = createTranslator({ language: "sv", locale: "sv-SE", messages });
  return (key: string, values?: Record<string, unknown>) => t(key, values ?? {});
};

describe("a card's refused values", () => {
  const table = invoicesTable();
  const compiled = compileSchema({ $schema: "https://json-schema.org/draft/2020-12/schema", $defs: {} }, 1);
  const form = () => {
    const data = new FormData();
    data.set(FORM_KEYS.fields, "total");
    data.set("total", "1.5e3");
    return data;
  };

  it("are said in the reader's words where the kind gave its phrase, and in English without them", () => {
    expect(parseCardForm(form(), compiled, table).errors.total).toMatch(/is not a number/);
    expect(parseCardForm(form(), compiled, table, swedish()).errors.total).toMatch(/är inget tal/);
  });
});
