import { describe, expect, it } from "vitest";
import { amountInWords, integerInWords } from "./amount-in-words";

describe("integerInWords", () => {
  it.each([
    [0, "zero"],
    [1, "one"],
    [13, "thirteen"],
    [19, "nineteen"],
    [20, "twenty"],
    [42, "forty-two"],
    [100, "one hundred"],
    [115, "one hundred fifteen"],
    [1000, "one thousand"],
    [1234, "one thousand two hundred thirty-four"],
    [20_017, "twenty thousand seventeen"],
    [1_000_001, "one million one"],
    [3_400_000, "three million four hundred thousand"],
    [2_000_000_000, "two billion"],
  ])("%d → %s", (n, words) => expect(integerInWords(n)).toBe(words));
});

describe("amountInWords", () => {
  it("writes the whole amount in words and the cents in figures", () => {
    expect(amountInWords(1234.56, "EUR")).toBe("One thousand two hundred thirty-four euros and 56 cents");
    expect(amountInWords(0, "EUR")).toBe("Zero euros and 00 cents");
    expect(amountInWords(1, "EUR")).toBe("One euro and 00 cents");
    expect(amountInWords(1.01, "USD")).toBe("One dollar and 01 cent");
    expect(amountInWords(14.5, "GBP")).toBe("Fourteen pounds and 50 pence");
    expect(amountInWords(2_500_000.99, "EUR")).toBe("Two million five hundred thousand euros and 99 cents");
  });
  it("rounds half up to cents, keeps the sign and falls back to the currency code", () => {
    expect(amountInWords(0.005, "EUR")).toBe("Zero euros and 01 cent");
    expect(amountInWords(9.999, "EUR")).toBe("Ten euros and 00 cents");
    expect(amountInWords(-12, "EUR")).toBe("Minus twelve euros and 00 cents");
    expect(amountInWords(12, "XYZ")).toBe("Twelve XYZ and 00 cents");
    expect(amountInWords(null, "EUR")).toBe("");
  });
});
