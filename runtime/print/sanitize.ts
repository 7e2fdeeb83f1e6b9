/**
 * Cleans designer HTML when a template is saved: no scripts, no event handlers, no
 * `javascript:` URLs, no frames or plugins, nothing that fetches (`<link>`, `<base>`, refresh).
 * This is the first fence; Chromium with JavaScript off and every non-`data:` request refused is
 * the one that holds even if something slips through here.
 */
const DANGEROUS_ELEMENTS = ["script", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "template", "portal"];
const VOID_DANGEROUS = ["link", "base", "meta"];

export function sanitizeTemplateHtml(html: string): string {
  let out = html;
  for (const tag of DANGEROUS_ELEMENTS) {
    out = out.replace(new RegExp(`<${tag}\\b[\\s\\S]*?<\\/${tag}\\s*>`, "gi"), "");
    out = out.replace(new RegExp(`<\\/?${tag}\\b[^>]*>`, "gi"), "");
  }
  for (const tag of VOID_DANGEROUS) out = out.replace(new RegExp(`<${tag}\\b[^>]*>`, "gi"), "");
  // on…= attributes, quoted or not, however many an element carries.
  out = out.replace(/<[a-z][^>]*>/gi, (tag) => tag.replace(/\s+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, ""));
  // javascript:, vbscript: and non-image data: URLs in any attribute value.
  out = out.replace(
    /(\s[a-z-:]+\s*=\s*)(["']?)\s*(?:javascript|vbscript|data(?!:image\/(?:png|jpe?g|gif|webp)[;,]))\s*:[^"'\s>]*/gi,
    "$1$2#",
  );
  // srcdoc and formaction carry whole documents or URLs of their own.
  out = out.replace(/\s(?:srcdoc|formaction|xlink:href)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, "");
  return out;
}
