import { toCardinal as chineseFinancial } from "n2words/zh-Hans-CN";
import { integerInWords as englishWords } from "./amount-in-words";

/**
 * Whole numbers in words, per language, as invoices and cheques write them. English is ours
 * (amount-in-words.ts); Chinese comes from n2words (the financial numerals 壹贰叁 that Chinese
 * invoices require, which resist alteration); Swedish and Armenian are ours: n2words has no
 * Armenian, and its Swedish ("tusen två hundra och trettio-fyra") is not how Swedish invoices
 * write amounts ("ettusentvåhundratrettiofyra").
 */

const SV_ONES = [
  "noll",
  "ett",
  "två",
  "tre",
  "fyra",
  "fem",
  "sex",
  "sju",
  "åtta",
  "nio",
  "tio",
  "elva",
  "tolv",
  "tretton",
  "fjorton",
  "femton",
  "sexton",
  "sjutton",
  "arton",
  "nitton",
];
const SV_TENS = ["", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"];

function swedishBelow1000(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds ? `${SV_ONES[hundreds]}hundra` : "";
  const tail = rest === 0 ? "" : rest < 20 ? SV_ONES[rest] : SV_TENS[Math.floor(rest / 10)] + (rest % 10 ? SV_ONES[rest % 10] : "");
  return head + tail;
}

/** 1234 → "ettusentvåhundratrettiofyra"; millions and above are separate words: "två miljoner trehundratusen". */
export function swedishWords(value: bigint): string {
  if (value === 0n) return SV_ONES[0];
  const scales: [bigint, string, string][] = [
    [1_000_000_000n, "en miljard", "miljarder"],
    [1_000_000n, "en miljon", "miljoner"],
  ];
  const words: string[] = [];
  let rest = value;
  for (const [size, one, many] of scales) {
    const count = rest / size;
    if (count === 0n) continue;
    words.push(count === 1n ? one : `${swedishWords(count)} ${many}`);
    rest %= size;
  }
  if (rest > 0n) {
    const thousands = Number(rest / 1000n);
    const below = Number(rest % 1000n);
    // "ett" + "tusen" is written "ettusen" (and "tjugoettusen"): three t's become two.
    words.push((thousands ? `${swedishBelow1000(thousands).replace(/tt$/, "t")}tusen` : "") + (below ? swedishBelow1000(below) : ""));
  }
  return words.join(" ");
}

const HY_ONES = ["զրո", "մեկ", "երկու", "երեք", "չորս", "հինգ", "վեց", "յոթ", "ութ", "ինը"];
const HY_TEENS = ["տասը", "տասնմեկ", "տասներկու", "տասներեք", "տասնչորս", "տասնհինգ", "տասնվեց", "տասնյոթ", "տասնութ", "տասնինը"];
const HY_TENS = ["", "տասը", "քսան", "երեսուն", "քառասուն", "հիսուն", "վաթսուն", "յոթանասուն", "ութսուն", "իննսուն"];

function armenianBelow1000(n: number): string {
  const parts: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds) parts.push(hundreds === 1 ? "հարյուր" : `${HY_ONES[hundreds]} հարյուր`);
  if (rest >= 10 && rest < 20) parts.push(HY_TEENS[rest - 10]);
  else if (rest) parts.push(HY_TENS[Math.floor(rest / 10)] + (rest % 10 ? HY_ONES[rest % 10] : ""));
  return parts.join(" ");
}

/** 1234 → "հազար երկու հարյուր երեսունչորս". */
export function armenianWords(value: bigint): string {
  if (value === 0n) return HY_ONES[0];
  const scales: [bigint, string][] = [
    [1_000_000_000n, "միլիարդ"],
    [1_000_000n, "միլիոն"],
    [1000n, "հազար"],
  ];
  const words: string[] = [];
  let rest = value;
  for (const [size, name] of scales) {
    const count = rest / size;
    if (count === 0n) continue;
    // "հազար" alone for 1,000, as "հարյուր" for 100; "մեկ միլիոն" for a million.
    words.push(count === 1n && size === 1000n ? name : `${armenianWords(count)} ${name}`);
    rest %= size;
  }
  if (rest > 0n) words.push(armenianBelow1000(Number(rest)));
  return words.join(" ");
}

/** A whole, non-negative number in the language's words; English for a language without its own. */
export function wholeNumberInWords(value: bigint, language: string): string {
  switch (language.split("-")[0]) {
    case "sv":
      return swedishWords(value);
    case "hy":
      return armenianWords(value);
    case "zh":
      return chineseFinancial(value);
    default:
      return englishWords(value.toString());
  }
}

function currencyName(language: string, currency: string, amount: number): string {
  try {
    const parts = new Intl.NumberFormat(language, { style: "currency", currency, currencyDisplay: "name" }).formatToParts(amount);
    return parts.find((p) => p.type === "currency")?.value ?? currency;
  } catch {
    return currency;
  }
}

/**
 * An amount as the document's language writes it on an invoice, the cents in figures as banks
 * write them: "Ettusentvåhundratrettiofyra euro och 56/100", "欧元壹仟贰佰叁拾肆元伍角陆分",
 * "հազար երկու հարյուր երեսունչորս եվրո 56/100". English keeps its own form (amount-in-words.ts).
 */
export function amountInWordsIn(
  language: string,
  value: unknown,
  currency: string | undefined,
  english: (v: unknown, c?: string) => string,
): string {
  const base = language.split("-")[0];
  if (!["sv", "zh", "hy"].includes(base)) return english(value, currency);
  if (value === null || value === undefined || value === "") return "";
  const amount = Number(value);
  if (!Number.isFinite(amount)) return "";
  const cents = Math.round(Math.abs(amount) * 100);
  const whole = BigInt(Math.floor(cents / 100));
  const minor = cents % 100;
  const negative = amount < 0 && cents > 0;
  const name = currency ? currencyName(language, currency.toUpperCase(), Number(whole)) : "";
  const words = wholeNumberInWords(whole, base);
  if (base === "zh") {
    const digits = (d: number) => chineseFinancial(d);
    const jiao = Math.floor(minor / 10);
    const fen = minor % 10;
    const tail = minor === 0 ? "元整" : `元${jiao ? `${digits(jiao)}角` : "零"}${fen ? `${digits(fen)}分` : ""}`;
    return `${negative ? "负" : ""}${name}${words}${tail}`;
  }
  const text = `${negative ? (base === "hy" ? "մինուս " : "minus ") : ""}${words}${name ? ` ${name}` : ""}${base === "sv" ? " och" : ""} ${String(minor).padStart(2, "0")}/100`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
