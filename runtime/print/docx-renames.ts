import { tablesName } from "../i18n/schema-names";
import type { Phrase } from "../i18n/words";
import { problemWords } from "./problem-words";
import PizZip from "pizzip";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { followRenamesInPath, renamedFieldKeys } from "./references";

/**
 * Word templates follow renamed field keys (docs/decisions/025-word-templates.md). A tag's text is
 * what docxtemplater reads: the text of every `<w:t>` of a part joined in order, so Word may have
 * split `{record.client_name}` over several runs (a spell-check mark, a font change half-way).
 * A rewritten tag is written whole into the run where it starts and its rest removed from the runs
 * after, as docxtemplater itself does when it fills one; everything else stays byte for byte.
 */

/** The parts docxtemplater fills: the body, headers, footers, foot- and endnotes. */
const TEMPLATED_PART = /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;
const TEXT_NODE = /(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g;
/** `#` loop or section, `^` inverted section, `/` close, `@` raw XML, `-w:p ` loop over an element. */
const TAG = /^(\s*)([#^/@]|-\S+\s+)?(\s*)([^|]*?)(\s*)(\|[\s\S]*)?$/;
const PATH = /^(?:[A-Za-z_]\w*)(?:\.(?:[A-Za-z_]\w*|\d+))*$/;

interface TextNode {
  open: string;
  text: string;
  close: string;
  /** Where the node starts and ends in the part's XML. */
  from: number;
  to: number;
}

function decode(xml: string): string {
  return xml.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (m, hex?: string, dec?: string, name?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name as "amp"] ?? m;
  });
}

const encode = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function rootsFor(compiled: CompiledSchema, table: CompiledTable): Map<string, CompiledTable> {
  const roots = new Map<string, CompiledTable>([["record", table]]);
  const company = compiled.tablesByKey.get("company");
  if (company) roots.set("company", company);
  return roots;
}

const templatedParts = (zip: PizZip) => Object.keys(zip.files).filter((name) => TEMPLATED_PART.test(name));

/** What the fill offers besides `record` and `company` (docx.server.ts). */
const OTHER_ROOTS = new Set(["today", "template"]);

/** Where the tags' variables come from: the template's record, the company, or a loop's rows. */
type Scope = CompiledTable | null;

interface Context {
  before: CompiledSchema;
  renamed: ReadonlyMap<string, string>;
  roots: Map<string, CompiledTable>;
  /** Hears of each key a path names that the table it reaches does not have. */
  onUnknown?(table: CompiledTable, key: string, tag: string): void;
}

/**
 * One path as docxtemplater resolves it: in the innermost loop whose rows have its first key,
 * else from the root (`record`, `company`). Returns the path rewritten and where it leads.
 */
function followPath(ctx: Context, stack: readonly Scope[], keys: string[]): { keys: string[]; table: Scope } {
  const unknown = (t: CompiledTable, key: string) => ctx.onUnknown?.(t, key, keys.join("."));
  for (let i = stack.length - 1; i >= 0; i--) {
    const table = stack[i];
    if (!table) continue;
    const followed = followRenamesInPath(ctx.before, table, keys, ctx.renamed, unknown);
    if (followed.resolves) return followed;
  }
  const root = ctx.roots.get(keys[0]);
  if (!root) {
    // Inside a loop over rows, a name neither they nor the root have is a field they lack.
    const inner = [...stack].reverse().find((t) => t !== null);
    if (inner && !OTHER_ROOTS.has(keys[0])) unknown(inner, keys[0]);
    return { keys, table: null };
  }
  const followed = followRenamesInPath(ctx.before, root, keys.slice(1), ctx.renamed, unknown);
  if (!followed.resolves) unknown(root, keys[1]);
  return { keys: [keys[0], ...followed.keys], table: followed.table };
}

/** The tags of one part, each rewritten (or not) in document order, loops tracked. */
function rewriteTags(ctx: Context, tags: string[]): string[] {
  const stack: Scope[] = [];
  const opened: { from: string; to: string }[] = [];
  return tags.map((tag) => {
    const m = TAG.exec(tag);
    if (!m) return tag;
    const [, lead, kind = "", gap, path, trail, filters = ""] = m;
    const write = (next: string) => `${lead}${kind}${gap}${next}${trail}${filters}`;
    if (kind === "/") {
      const open = opened.pop();
      stack.pop();
      return open && open.from === path ? write(open.to) : tag;
    }
    const valid = PATH.test(path);
    const followed = valid ? followPath(ctx, stack, path.split(".")) : { keys: [path], table: null };
    const next = followed.keys.join(".");
    if (kind === "#" || kind === "^" || kind.startsWith("-")) {
      // Rows of a list or a related record become the scope inside; a condition leaves it as it is.
      stack.push(kind === "^" ? null : followed.table);
      opened.push({ from: path, to: next });
    }
    return next === path ? tag : write(next);
  });
}

/** A part's text runs, their text joined as docxtemplater joins it, and where each tag is in it. */
function scanPart(xml: string) {
  const nodes: TextNode[] = [];
  for (const m of xml.matchAll(TEXT_NODE))
    nodes.push({ open: m[1], text: decode(m[2]), close: m[3], from: m.index, to: m.index + m[0].length });
  const joined = nodes.map((n) => n.text).join("");
  // Tags as docxtemplater delimits them; a part was compiled at upload, so braces pair up.
  const spans: { from: number; to: number }[] = [];
  for (let i = joined.indexOf("{"); i >= 0; i = joined.indexOf("{", i + 1)) {
    const end = joined.indexOf("}", i);
    if (end < 0) break;
    spans.push({ from: i, to: end + 1 });
    i = end;
  }
  return { nodes, joined, spans, tags: spans.map((s) => joined.slice(s.from + 1, s.to - 1)) };
}

/** Rewrites the tags of one part's XML; null when nothing changes. */
function rewritePart(ctx: Context, xml: string): string | null {
  const { nodes, joined, spans, tags } = scanPart(xml);
  const rewritten = rewriteTags(ctx, tags);
  const edits = spans.map((s, i) => ({ ...s, text: `{${rewritten[i]}}` })).filter((e) => e.text !== joined.slice(e.from, e.to));
  if (edits.length === 0) return null;

  // Each node's new text: its characters outside every edited tag, a tag's new text where it starts.
  const texts = nodes.map(() => "");
  const changed = new Set<number>();
  let node = 0;
  let nodeStart = 0;
  let edit = 0;
  for (let at = 0; at < joined.length;) {
    while (at >= nodeStart + nodes[node].text.length) nodeStart += nodes[node++].text.length;
    const e = edits[edit];
    if (e && at === e.from) {
      texts[node] += e.text;
      for (let n = node, start = nodeStart; n < nodes.length && start < e.to; start += nodes[n++].text.length) changed.add(n);
      at = e.to;
      edit++;
      continue;
    }
    texts[node] += joined[at++];
  }
  let out = "";
  let last = 0;
  nodes.forEach((n, i) => {
    if (!changed.has(i)) return;
    // Text that now starts or ends with a space keeps it only when the node says so.
    const open = /\sxml:space=/.test(n.open) ? n.open : n.open.replace(/^<w:t/, '<w:t xml:space="preserve"');
    out += xml.slice(last, n.from) + open + encode(texts[i]) + n.close;
    last = n.to;
  });
  return out + xml.slice(last);
}

/**
 * The .docx with every tag that reaches a renamed field (by id, from `before` to `after`) written
 * with the field's new key, or null when the template names none of them.
 */
export function followRenamesInDocx(bytes: Uint8Array, tableKey: string, before: CompiledSchema, after: CompiledSchema): Buffer | null {
  const renamed = renamedFieldKeys(before, after);
  const table = before.tablesByKey.get(tableKey);
  if (renamed.size === 0 || !table) return null;
  const ctx: Context = { before, renamed, roots: rootsFor(before, table) };
  const zip = new PizZip(bytes);
  let changed = false;
  for (const name of templatedParts(zip)) {
    const xml = zip.file(name)!.asText();
    const next = rewritePart(ctx, xml);
    if (next === null) continue;
    zip.file(name, next);
    changed = true;
  }
  return changed ? zip.generate({ type: "nodebuffer", compression: "DEFLATE" }) : null;
}

export interface DocxReferenceProblem {
  /** The tag's path as written, e.g. `record.client.vat_no`. */
  path: string;
  message: string;
  /** The message as a catalog phrase, for screens in other languages. */
  words: Phrase;
}

/**
 * Fields a Word template names that `compiled` does not have (a field removed, or a rename that
 * could not be followed): each fills as empty, so the admin screen flags them.
 */
export function docxReferenceProblems(bytes: Uint8Array, tableKey: string, compiled: CompiledSchema): DocxReferenceProblem[] {
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) return [{ path: "record", ...problemWords("docxTableGone", { table: tableKey }) }];
  const problems = new Map<string, DocxReferenceProblem>();
  const ctx: Context = {
    before: compiled,
    renamed: new Map(),
    roots: rootsFor(compiled, table),
    onUnknown: (t, key, path) => {
      if (!problems.has(path))
        problems.set(path, { path, ...problemWords("docxNoField", { tag: `{${path}}`, field: key, table: tablesName(t) }) });
    },
  };
  const zip = new PizZip(bytes);
  for (const name of templatedParts(zip)) rewriteTags(ctx, scanPart(zip.file(name)!.asText()).tags);
  return [...problems.values()];
}
