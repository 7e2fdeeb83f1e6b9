/** Marks the starts of words that the search terms matched. */
export function Highlight({ text, q }: { text: string; q: string }) {
  const terms = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((t) => t.normalize("NFD").replace(/\p{M}/gu, ""));
  if (terms.length === 0) return <>{text}</>;
  const parts: { text: string; mark: boolean }[] = [];
  const re = /[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu;
  for (const m of text.matchAll(re)) {
    const word = m[0];
    const plain = word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
    const term = terms.find((t) => plain.startsWith(t));
    if (term) {
      // NFD may change length (é → e + ◌́): mark by the original characters of the prefix.
      const len =
        [...word].findIndex(
          (_, i) =>
            [...word]
              .slice(0, i + 1)
              .join("")
              .toLowerCase()
              .normalize("NFD")
              .replace(/\p{M}/gu, "").length >= term.length,
        ) + 1;
      parts.push({ text: word.slice(0, len), mark: true }, { text: word.slice(len), mark: false });
    } else parts.push({ text: word, mark: false });
  }
  return <>{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : p.text ? <span key={i}>{p.text}</span> : null))}</>;
}
