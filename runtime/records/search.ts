/**
 * Quick-search terms, split the way both full-text tokenizers split text: on anything that is not
 * a letter or a digit. So "INV-2026-0007" searches for inv, 2026 and 0007, which is how the
 * invoice number was indexed, and "+353 1 903" for a phone's pieces.
 */
export function searchTokens(q: string): string[] {
  const tokens = q
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return [...new Set(tokens)].slice(0, 8);
}

/**
 * FTS5: every token as a quoted prefix (tokens hold only letters and digits, so quoting is safe).
 * NFKC spells the Armenian ligature "և" as "եւ", and FTS5 indexes text as written, so a token
 * holding either asks for both spellings.
 */
export function fts5Query(tokens: string[]): string {
  return tokens
    .map((t) => {
      const ligature = t.replaceAll("եւ", "և");
      return ligature === t ? `"${t}"*` : `("${t}"* OR "${ligature}"*)`;
    })
    .join(" AND ");
}

// InnoDB's default stopword list: such a word is never indexed, so requiring it would match nothing.
const INNODB_STOPWORDS = new Set(
  "a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www".split(
    " ",
  ),
);
/** InnoDB's default innodb_ft_min_token_size: shorter tokens are not in a FULLTEXT index. */
export const INNODB_MIN_TOKEN = 3;

/**
 * InnoDB boolean mode: every indexable token required, as a prefix. A term with a token InnoDB
 * never indexed (shorter than 3 characters: "FR-77", "Al") is matched instead as a prefix of a
 * column, whole ("FR-77%"), so codes and short names still find their record.
 */
export function innodbQuery(q: string): { fulltext: string | null; prefixes: string[] } {
  const indexed: string[] = [];
  const prefixes: string[] = [];
  for (const term of q.split(/\s+/).filter(Boolean).slice(0, 8)) {
    const tokens = searchTokens(term);
    if (tokens.length === 0) continue;
    if (tokens.some((t) => t.length < INNODB_MIN_TOKEN)) prefixes.push(term.normalize("NFKC"));
    else indexed.push(...tokens.filter((t) => !INNODB_STOPWORDS.has(t)));
  }
  const unique = [...new Set(indexed)];
  return { fulltext: unique.length ? unique.map((t) => `+${t}*`).join(" ") : null, prefixes };
}

/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai…) and Korean, whose
 * words take particles: both tokenizers index a whole run of such letters as one word, so "科技"
 * is not a word start in "北京科技有限公司". A term with such letters is matched as a substring.
 */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** The query's terms split into those the full-text index can answer and those matched as substrings. */
export function splitUnspaced(q: string): { indexed: string; substrings: string[] } {
  const terms = q.normalize("NFKC").split(/\s+/).filter(Boolean).slice(0, 8);
  return {
    indexed: terms.filter((t) => !UNSPACED.test(t)).join(" "),
    substrings: [...new Set(terms.filter((t) => UNSPACED.test(t)))],
  };
}

/** Case and accents folded, as both indexes compare words: "Mèrcier" → "mercier". */
function folded(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * Whether every token starts a word of `values` (together), case and accents folded: what the
 * full-text index answers, checked on rows a list-order scan found by substring (ADR 007).
 */
export function holdsWordPrefixes(values: unknown[], tokens: string[]): boolean {
  const words = folded(values.filter((v) => typeof v === "string").join(" ")).split(/[^\p{L}\p{N}]+/u);
  return tokens.every((token) => {
    const t = folded(token);
    return words.some((w) => w.startsWith(t));
  });
}

/** The title's rank for the term, as SQL ranks it: 0 equal, 1 starting with it, 2 otherwise. */
export function titleRank(title: unknown, q: string): number {
  if (typeof title !== "string") return 2;
  const t = title.toLowerCase();
  const term = q.toLowerCase();
  return t === term ? 0 : t.startsWith(term) ? 1 : 2;
}
