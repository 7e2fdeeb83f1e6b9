import { describe, expect, it } from "vitest";
import { keyFromLabel } from "./key-from-label";

describe("keyFromLabel", () => {
  it("proposes a valid key from a label", () => {
    expect(keyFromLabel("Mobile phone")).toBe("mobile_phone");
    expect(keyFromLabel("Größe (cm)")).toBe("grosse_cm");
    expect(keyFromLabel("2nd line")).toBe("f_2nd_line");
    expect(keyFromLabel("—")).toBe("");
  });
});
