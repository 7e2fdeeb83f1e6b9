import { createContext, useContext } from "react";

/**
 * The per-request CSP nonce, set by entry.server. In the browser it is "": browsers hide a nonce
 * from the DOM once the page is parsed, so "" is also what hydration finds there.
 */
export const NonceContext = createContext<string>("");

export function useNonce(): string {
  return useContext(NonceContext);
}
