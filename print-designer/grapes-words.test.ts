import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "@runtime/i18n/translator";
import { grapesMessages } from "./grapes-words";
import { english } from "./words";

const pack = (language: string) => ({
  language,
  locale: language,
  messages: JSON.parse(fs.readFileSync(path.resolve("locales", `${language}.json`), "utf8")) as Record<string, unknown>,
});

describe("grapesMessages", () => {
  it("gives GrapesJS the reader's words for the look's properties, their choices and the layers", () => {
    const t = createTranslator(pack("sv")).t;
    const messages = grapesMessages((key, values) => t(key, values ?? {})) as {
      styleManager: { properties: Record<string, string>; options: Record<string, Record<string, string>> };
      domComponents: { names: Record<string, string> };
      traitManager: Record<string, string>;
    };
    expect(messages.styleManager.properties["font-size"]).toBe("Teckenstorlek");
    expect(messages.styleManager.properties["margin-top-sub"]).toBe("Överkant");
    expect(messages.styleManager.options["text-align"].center).toBe("Centrerat");
    expect(messages.styleManager.options["font-weight"]["700"]).toBe("Fet");
    expect(messages.domComponents.names[""]).toBe("Ruta");
    expect(messages.traitManager.label).toBe("Inställningar");
  });

  it("leaves out what its words do not know, so GrapesJS says its own English", () => {
    const messages = grapesMessages(english) as {
      styleManager: { properties: Record<string, string> };
      domComponents: { names: Record<string, string> };
    };
    expect(messages.styleManager.properties).toEqual({});
    expect(messages.domComponents.names).toEqual({});
  });
});
