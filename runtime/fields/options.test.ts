import { describe, expect, it } from "vitest";
import { formatChoices, parseChoices } from "./options";

describe("choices", () => {
  it("reads one choice a line, with an optional value", () => {
    expect(parseChoices("North\n\n eu = Europe \nNorth")).toEqual({ values: ["north", "eu"], labels: { north: "North", eu: "Europe" } });
    expect(formatChoices(["north", "eu"], { north: "North", eu: "Europe" })).toBe("North\neu = Europe");
  });

  it("writes a value that is no key in full, so reading it back keeps it", () => {
    const values = ["O'Reilly", "north", "🎯 target"];
    expect(formatChoices(values)).toBe("O'Reilly = O'Reilly\nnorth\n🎯 target = 🎯 target");
    expect(parseChoices(formatChoices(values))).toEqual({ values, labels: {} });
  });
});
