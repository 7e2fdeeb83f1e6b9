/**
 * A value as `JSON.parse` gives it back. Typing parsed JSON this way rather than `unknown` lets it
 * travel in a Remix loader's answer unchanged: `SerializeFrom` turns an `unknown` property into an
 * optional one, so the browser's type would no longer match the server's.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
