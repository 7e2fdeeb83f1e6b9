import { describe, expect, it } from "vitest";
import { dateShortcutRange } from "./date-shortcuts";

describe("dateShortcutRange", () => {
  it("gives concrete first and last days", () => {
    expect(dateShortcutRange("thisMonth", "2024-02-14")).toEqual(["2024-02-01", "2024-02-29"]);
    expect(dateShortcutRange("lastMonth", "2024-01-10")).toEqual(["2023-12-01", "2023-12-31"]);
    expect(dateShortcutRange("lastMonth", "2023-03-31")).toEqual(["2023-02-01", "2023-02-28"]);
    expect(dateShortcutRange("thisYear", "2024-07-01")).toEqual(["2024-01-01", "2024-12-31"]);
    expect(dateShortcutRange("lastYear", "2024-07-01")).toEqual(["2023-01-01", "2023-12-31"]);
  });
});
