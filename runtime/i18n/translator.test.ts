import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { createTranslator, type LanguagePack } from "./translator";

const pack: LanguagePack = {
  language: "sv",
  locale: "sv-SE",
  messages: {
    grid: { selectRow: "Välj rad {{n}}", title: "Lista" },
    rows_one: "{{count}} rad",
    rows_other: "{{count}} rader",
    greeting: "Hej {{name}}",
    nested: { a: "A", b: "B" },
  },
};

/** The same messages in an i18next instance that remembers nothing: what every answer must equal. */
function reference() {
  const instance = i18next.createInstance();
  void instance.init({
    lng: "sv",
    fallbackLng: "en",
    resources: { sv: { translation: pack.messages as Record<string, string> } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance.getFixedT(null, null) as unknown as (key: unknown, options?: unknown) => unknown;
}

describe("createTranslator's remembered sentences", () => {
  const calls: [unknown, unknown?][] = [
    ["grid.title"],
    ["grid.selectRow", { n: 3 }],
    ["grid.selectRow", { n: "3" }],
    ["rows", { count: 1 }],
    ["rows", { count: 7 }],
    ["greeting", { name: "Ada" }],
    ["greeting", { name: null }],
    ["missing.key"],
    ["missing.key", "Standard"],
    ["missing.key", { defaultValue: "Standard {{x}}", x: 1 }],
    ["nested", { returnObjects: true }],
    [["missing.key", "grid.title"]],
    ["title", { keyPrefix: "grid" }],
    ["greeting", { name: { toString: () => "Objekt" } }],
  ];

  it("says what i18next says, the first time and from memory", () => {
    const { t } = { t: createTranslator(pack).getFixedT(null, null) as unknown as (key: unknown, options?: unknown) => unknown };
    const expected = reference();
    for (let round = 0; round < 2; round++)
      for (const [key, options] of calls)
        expect(t(key, options), `${JSON.stringify(key)} ${JSON.stringify(options)}`).toEqual(expected(key, options));
  });

  it("keeps a number apart from the same digits as text, and a count's plural", () => {
    const t = createTranslator(pack).getFixedT(null, null);
    expect(t("rows", { count: 1 })).toBe("1 rad");
    expect(t("rows", { count: 2 })).toBe("2 rader");
    expect(t("rows", { count: 1 })).toBe("1 rad");
  });

  it("hands useTranslation the same function each render, and i18next's own for a prefix or another language", () => {
    const translator = createTranslator(pack);
    expect(translator.getFixedT(null, "translation")).toBe(translator.getFixedT(null, null));
    expect(translator.getFixedT("sv", "translation")).toBe(translator.getFixedT(null, null));
    expect(translator.getFixedT(null, null, "grid")("title")).toBe("Lista");
    expect(translator.getFixedT("en", null)("grid.title")).toBe("grid.title");
  });

  it("starts over past its bound and still answers right", () => {
    const t = createTranslator(pack).getFixedT(null, null);
    for (let n = 0; n < 12_000; n++) expect(t("grid.selectRow", { n })).toBe(`Välj rad ${n}`);
    expect(t("grid.selectRow", { n: 5 })).toBe("Välj rad 5");
  });
});
