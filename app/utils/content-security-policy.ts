/**
 * The Content Security Policy of every HTML page: no inline script except Remix's own, which
 * carry the per-request nonce. Styles may be inline (React `style` props).
 * ajv compiles validators with `new Function`; the pages that validate in the browser need that,
 * so it is the one reason for 'unsafe-eval', given only to them (app/utils/browser-eval.ts); no
 * `eval` of user text happens anywhere.
 */
export function contentSecurityPolicy(nonce: string, options: { allowEval?: boolean; frameAncestors?: string } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${options.allowEval ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    // The service worker (public/sw.js) and the web app manifest, both from this origin only.
    "worker-src 'self'",
    "manifest-src 'self'",
    // The print designer shows its live preview, a PDF fetched as a blob, in a frame.
    "frame-src 'self' blob:",
    // No page may be framed (clickjacking) but a published web form, which says where it may be.
    `frame-ancestors ${options.frameAncestors ?? "'none'"}`,
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}
