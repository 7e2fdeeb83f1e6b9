import { describe, expect, it } from "vitest";
import { languageOfEnvironment, matchLanguage, parseAcceptLanguage, pickLanguage } from "./negotiate";

const AVAILABLE = ["en", "sv", "zh", "hy"];

describe("which language a person reads", () => {
  it("orders Accept-Language by quality, then by order, dropping * and q=0", () => {
    expect(parseAcceptLanguage("da;q=0.4, sv-SE, zh-CN;q=0.8, *;q=0.1, fr;q=0")).toEqual(["sv-se", "zh-cn", "da"]);
    expect(parseAcceptLanguage("")).toEqual([]);
    expect(parseAcceptLanguage("not a tag!!, ;q=1")).toEqual([]);
  });

  it("serves a regional tag by its language", () => {
    expect(matchLanguage("zh-Hans-CN", AVAILABLE)).toBe("zh");
    expect(matchLanguage("HY-am", AVAILABLE)).toBe("hy");
    expect(matchLanguage("ny", AVAILABLE)).toBeNull();
  });

  it("takes the profile's choice first, then the browser's, then English", () => {
    expect(pickLanguage("hy", "sv-SE,sv;q=0.9", AVAILABLE)).toBe("hy");
    expect(pickLanguage(null, "da-DK, sv;q=0.7, en;q=0.5", AVAILABLE)).toBe("sv");
    expect(pickLanguage("ny", "fr-FR", AVAILABLE)).toBe("en");
    expect(pickLanguage(null, null, AVAILABLE)).toBe("en");
  });

  it("reads a command line's language from the POSIX locale", () => {
    expect(languageOfEnvironment({ LANG: "sv_SE.UTF-8" }, AVAILABLE)).toBe("sv");
    expect(languageOfEnvironment({ LC_ALL: "zh_CN.UTF-8", LANG: "sv_SE.UTF-8" }, AVAILABLE)).toBe("zh");
    expect(languageOfEnvironment({ LC_MESSAGES: "hy_AM", LANG: "en_US.UTF-8" }, AVAILABLE)).toBe("hy");
    expect(languageOfEnvironment({ LANG: "C.UTF-8" }, AVAILABLE)).toBe("en");
    expect(languageOfEnvironment({ LANG: "fr_FR.UTF-8" }, AVAILABLE)).toBe("en");
    expect(languageOfEnvironment({}, AVAILABLE)).toBe("en");
  });
});
