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

/** FTS5: every token as a quoted prefix (tokens hold only letters and digits, so quoting is safe). */
export function fts5Query(tokens: string[]): string {
  return tokens.map((t) => `"${t}"*`).join(" AND ");
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
