/**
 * `name.pdf`, `name (2).pdf`, … : the names of a ZIP's entries, unique even where file systems
 * ignore case (two invoices of the same client, or drafts without a number, share a title).
 */
export function uniqueFileNames(names: readonly string[]): string[] {
  return names.map(uniqueNamer());
}

/** The same naming one name at a time, for a ZIP written as its entries arrive. */
export function uniqueNamer(): (name: string) => string {
  const taken = new Set<string>();
  return (name) => {
    const dot = name.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  };
}
