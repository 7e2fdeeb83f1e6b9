import Decimal from "decimal.js";

const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const SCALES = ["", "thousand", "million", "billion", "trillion"];

interface CurrencyWords {
  major: [singular: string, plural: string];
  minor: [singular: string, plural: string];
}

const CURRENCY_WORDS: Record<string, CurrencyWords> = {
  EUR: { major: ["euro", "euros"], minor: ["cent", "cents"] },
  USD: { major: ["dollar", "dollars"], minor: ["cent", "cents"] },
  CAD: { major: ["Canadian dollar", "Canadian dollars"], minor: ["cent", "cents"] },
  AUD: { major: ["Australian dollar", "Australian dollars"], minor: ["cent", "cents"] },
  GBP: { major: ["pound", "pounds"], minor: ["penny", "pence"] },
  CHF: { major: ["Swiss franc", "Swiss francs"], minor: ["centime", "centimes"] },
  PLN: { major: ["złoty", "złoty"], minor: ["grosz", "groszy"] },
  CZK: { major: ["Czech koruna", "Czech korunas"], minor: ["haléř", "haléřů"] },
  SEK: { major: ["Swedish krona", "Swedish kronor"], minor: ["öre", "öre"] },
  NOK: { major: ["Norwegian krone", "Norwegian kroner"], minor: ["øre", "øre"] },
  DKK: { major: ["Danish krone", "Danish kroner"], minor: ["øre", "øre"] },
  HUF: { major: ["forint", "forints"], minor: ["fillér", "fillér"] },
  RON: { major: ["leu", "lei"], minor: ["ban", "bani"] },
};

function below1000(n: number): string {
  const parts: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds) parts.push(`${ONES[hundreds]} hundred`);
  if (rest) parts.push(rest < 20 ? ONES[rest] : TENS[Math.floor(rest / 10)] + (rest % 10 ? `-${ONES[rest % 10]}` : ""));
  return parts.join(" ");
}

/** A whole number in English words, e.g. 1234 → "one thousand two hundred thirty-four". */
export function integerInWords(value: number | string | Decimal): string {
  const n = new Decimal(value).abs().floor();
  if (n.isZero()) return ONES[0];
  if (n.gte(new Decimal(1000).pow(SCALES.length))) return n.toFixed(0);
  const groups: number[] = [];
  let rest = n;
  while (rest.gt(0)) {
    groups.push(rest.mod(1000).toNumber());
    rest = rest.divToInt(1000);
  }
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    if (groups[i] === 0) continue;
    words.push(below1000(groups[i]) + (SCALES[i] ? ` ${SCALES[i]}` : ""));
  }
  return words.join(" ");
}

/**
 * An amount as written on an invoice: "One thousand two hundred thirty-four euros and 56 cents".
 * Cents stay in figures, as banks and accountants write them. Unknown currencies use their code.
 */
export function amountInWords(value: unknown, currency?: string): string {
  if (value === null || value === undefined || value === "") return "";
  let amount: Decimal;
  try {
    amount = new Decimal(value as number | string);
  } catch {
    return "";
  }
  if (!amount.isFinite()) return "";
  const rounded = amount.abs().toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const whole = rounded.floor();
  const cents = rounded.minus(whole).times(100).toNumber();
  const names = currency ? CURRENCY_WORDS[currency.toUpperCase()] : undefined;
  const major = names ? names.major[whole.eq(1) ? 0 : 1] : (currency ?? "").toUpperCase();
  const minor = names ? names.minor[cents === 1 ? 0 : 1] : "cents";
  const words = integerInWords(whole);
  const head = (amount.isNegative() && !rounded.isZero() ? "minus " : "") + words + (major ? ` ${major}` : "");
  const text = `${head} and ${String(cents).padStart(2, "0")} ${minor}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
