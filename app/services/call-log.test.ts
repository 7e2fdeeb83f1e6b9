import { describe, expect, it } from "vitest";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { createTranslator } from "@runtime/i18n/translator";
import { callSubject, parseCallLog } from "./call-log";

const now = new Date("2026-12-06T10:00:00Z");

describe("callSubject", () => {
  it("says how the call went, in English without a translator", () => {
    expect(callSubject(parseCallLog({ result: "left_message", durationMinutes: 7 }, now))).toBe("Call — Left message, 7 min");
    expect(callSubject(parseCallLog({}, now))).toBe("Call");
  });

  it("says it in the caller's language, as the catalog words it", () => {
    const sv = createTranslator(languagePack("sv")).t;
    const zh = createTranslator(languagePack("zh")).t;
    expect(callSubject(parseCallLog({ result: "no_answer", durationMinutes: 2 }, now), sv)).toBe("Samtal – Inget svar, 2 min");
    expect(callSubject(parseCallLog({ result: "reached" }, now), zh)).toBe("通话 — 已接通");
    expect(callSubject(parseCallLog({ result: "reached" }, now), createTranslator(languagePack("en")).t)).toBe("Call — Reached");
  });
});
