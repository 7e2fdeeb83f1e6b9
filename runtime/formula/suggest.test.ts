import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "./suggest";

describe("closestName", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("itmes", "items")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("finds typos, abbreviations and case slips", () => {
    expect(closestName("unit_prise", ["quantity", "unit_price"])).toBe("unit_price");
    expect(closestName("qty", ["unit_price", "quantity"])).toBe("quantity");
    expect(closestName("TOTAL", ["net", "total"])).toBe("total");
  });

  it("prefers a typo over an abbreviation and gives up when nothing is close", () => {
    expect(closestName("net", ["net_total", "nett"])).toBe("nett");
    expect(closestName("zzz", ["quantity", "unit_price"])).toBeUndefined();
  });
});
