import crypto from "node:crypto";
import { languageCodes, languagePack } from "./catalogs.server";

/**
 * A language's messages as the browser fetches them: one file per language whose name carries a
 * hash of its content (`sv.3f2a9c01d4e6.json`), so it is cached for good and a changed catalog
 * gets a new name. Written into every page instead, they were most of its bytes (about 100 KB of
 * a list page's HTML) and serialised again on each request.
 */
export interface PackFile {
  language: string;
  /** The path the page links: `/i18n/sv.3f2a9c01d4e6.json`. */
  href: string;
  body: string;
}

const files = new Map<string, PackFile>();

export function packFile(language: string): PackFile {
  const pack = languagePack(language);
  let file = files.get(pack.language);
  if (!file) {
    const body = JSON.stringify(pack.messages);
    const hash = crypto.createHash("sha256").update(body).digest("hex").slice(0, 12);
    file = { language: pack.language, href: `/i18n/${pack.language}.${hash}.json`, body };
    files.set(pack.language, file);
  }
  return file;
}

/**
 * The file a request names: `sv.<hash>.json`, or `sv.json` (a page rendered without the hash, as
 * an error page may be). `current` says whether the name is the one `packFile` gives today.
 */
export function packFileNamed(name: string): { file: PackFile; current: boolean } | null {
  const m = /^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)(?:\.([0-9a-f]{12}))?\.json$/.exec(name);
  if (!m || !languageCodes().includes(m[1])) return null;
  const file = packFile(m[1]);
  return { file, current: file.href === `/i18n/${name}` };
}
