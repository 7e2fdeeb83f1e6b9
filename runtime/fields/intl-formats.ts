/**
 * Shared Intl formatters. Building an Intl.DateTimeFormat or NumberFormat costs far more than
 * formatting with one (it resolves locale data each time): a 100-field card or a 50-row list page
 * formats hundreds of values with a handful of distinct options, so each is built once.
 */
const MAX_CACHED = 500;

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let format = cache.get(key);
  if (!format) {
    // Options come from field definitions and requests: bound the cache rather than trust them.
    if (cache.size >= MAX_CACHED) cache.clear();
    format = make();
    cache.set(key, format);
  }
  return format;
}

export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, `${locale ?? ""}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(numberFormats, `${locale ?? ""}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}
