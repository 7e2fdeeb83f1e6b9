import { describe, expect, it } from "vitest";
import { withBaseCss, withoutBaseCss } from "./starter";

describe("base CSS", () => {
  it("adds the designer's base CSS once, however often a template is saved", () => {
    const once = withBaseCss("p { color: red; }");
    expect(withBaseCss(once)).toBe(once);
    expect(withoutBaseCss(once)).toBe("p { color: red; }");
  });
});
