import { describe, expect, it } from "vitest";
import { amountInWords } from "./amount-in-words";
import { amountInWordsIn, armenianWords, swedishWords, wholeNumberInWords } from "./number-words";

describe("whole numbers in words", () => {
  it.each([
    [0n, "noll", "զրո"],
    [21n, "tjugoett", "քսանմեկ"],
    [100n, "etthundra", "հարյուր"],
    [1000n, "ettusen", "հազար"],
    [1234n, "ettusentvåhundratrettiofyra", "հազար երկու հարյուր երեսունչորս"],
    [21_000n, "tjugoettusen", "քսանմեկ հազար"],
    [2_300_000n, "två miljoner trehundratusen", "երկու միլիոն երեք հարյուր հազար"],
    [1_000_001n, "en miljon ett", "մեկ միլիոն մեկ"],
  ])("%d in Swedish and Armenian", (n, sv, hy) => {
    expect(swedishWords(n)).toBe(sv);
    expect(armenianWords(n)).toBe(hy);
  });

  it("writes Chinese in the financial numerals invoices use", () => {
    expect(wholeNumberInWords(1234n, "zh")).toBe("壹仟贰佰叁拾肆");
    expect(wholeNumberInWords(20_017n, "zh")).toBe("贰万零壹拾柒");
  });
});

describe("an amount in the document's language", () => {
  it("names the currency in the language and keeps the cents in figures", () => {
    expect(amountInWordsIn("sv", 1234.56, "EUR", amountInWords)).toBe("Ettusentvåhundratrettiofyra euro och 56/100");
    expect(amountInWordsIn("hy", 21000, "AMD", amountInWords)).toBe("Քսանմեկ հազար հայկական դրամ 00/100");
    expect(amountInWordsIn("hy", -5, "EUR", amountInWords)).toBe("Մինուս հինգ եվրո 00/100");
  });

  it("writes Chinese amounts with 元, 角 and 分, and 整 when there are no cents", () => {
    expect(amountInWordsIn("zh", 1234.56, "EUR", amountInWords)).toBe("欧元壹仟贰佰叁拾肆元伍角陆分");
    expect(amountInWordsIn("zh", 1000, "CNY", amountInWords)).toBe("人民币壹仟元整");
    expect(amountInWordsIn("zh", 5.07, "CNY", amountInWords)).toBe("人民币伍元零柒分");
  });

  it("leaves English, and languages without words of their own, to the English form", () => {
    expect(amountInWordsIn("en", 1.01, "USD", amountInWords)).toBe("One dollar and 01 cent");
    expect(amountInWordsIn("ny", 2, "EUR", amountInWords)).toBe("Two euros and 00 cents");
    expect(amountInWordsIn("sv", "", "EUR", amountInWords)).toBe("");
  });
});
