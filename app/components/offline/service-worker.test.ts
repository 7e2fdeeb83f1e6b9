import { describe, expect, it } from "vitest";
import { shellFilesLoaded } from "./service-worker";

describe("shellFilesLoaded", () => {
  it("keeps the build's files and the hashed language file, nothing else", () => {
    const origin = "https://crm.example";
    const loaded = shellFilesLoaded(
      [
        { name: `${origin}/build/entry.client-ABC.js` },
        { name: `${origin}/i18n/sv.3f2a9c01d4e6.json` },
        { name: `${origin}/i18n/sv.json` },
        { name: `${origin}/t/clients?_data=routes%2Ft.%24table._index` },
        { name: "https://elsewhere.example/build/x.js" },
      ],
      origin,
    );
    expect(loaded).toEqual(["/build/entry.client-ABC.js", "/i18n/sv.3f2a9c01d4e6.json"]);
  });
});
