import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { languagesWithoutName, type Translatable } from "./item-names";

/** Every language the repository ships a catalog for, English (the configuration's own words) aside. */
const SHIPPED = fs
  .readdirSync(path.join(process.cwd(), "locales"))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.replace(/\.json$/, ""))
  .filter((language) => language !== "en");

const configuration = DEFAULT_CONFIGURATION.configuration;

/** Everything the demo configuration names, as `kind "name"` beside the item. */
function namedItems(): [string, Translatable][] {
  return [
    ...(configuration.reports ?? []).map((r) => [`report "${r.name}"`, r] as [string, Translatable]),
    ...(configuration.dashboards ?? []).map((d) => [`dashboard "${d.name}"`, d] as [string, Translatable]),
    ...configuration.views.map((v) => [`view "${v.name}"`, v] as [string, Translatable]),
    ...configuration.templates.map((t) => [`print template "${t.name}"`, t] as [string, Translatable]),
    ...(configuration.mailTemplates ?? []).map((t) => [`message template "${t.name}"`, t] as [string, Translatable]),
    // A panel's title is its name; its `empty` sentence is checked below.
    ...(configuration.home ?? []).map(
      (p) =>
        [
          `home panel "${p.title}"`,
          {
            name: p.title,
            translations: Object.fromEntries(Object.entries(p.translations ?? {}).map(([l, w]) => [l, { name: w.title }])),
          },
        ] as [string, Translatable],
    ),
  ];
}

// A report or a tab left in English stands out on an otherwise translated screen: every shipped
// language names every item of the demo configuration.
describe("the demo configuration's names in every shipped language", () => {
  it("names something", () => {
    expect(namedItems().length).toBeGreaterThan(20);
  });

  for (const language of SHIPPED) {
    it(`names every report, dashboard, view, template and home panel in ${language}`, () => {
      const missing = namedItems()
        .filter(([, item]) => languagesWithoutName(item, [language]).length)
        .map(([what]) => what);
      expect(missing).toEqual([]);
    });

    it(`says every home panel's empty list in ${language}`, () => {
      const missing = (configuration.home ?? [])
        .filter((p) => p.kind === "list" && p.empty && !p.translations?.[language]?.empty)
        .map((p) => p.id);
      expect(missing).toEqual([]);
    });
  }
});
