import { describe, expect, it } from "vitest";
import { systemTimeToJson } from "./rows";

describe("systemTimeToJson", () => {
  it("reads either driver's stored text as UTC ISO text with milliseconds", () => {
    expect(systemTimeToJson("2026-11-24 10:15:00.123")).toBe("2026-11-24T10:15:00.123Z");
    expect(systemTimeToJson("2026-11-24 10:15:00")).toBe("2026-11-24T10:15:00.000Z");
    expect(systemTimeToJson("2026-11-24 10:15:00.5")).toBe("2026-11-24T10:15:00.500Z");
    expect(systemTimeToJson("2026-11-24")).toBe("2026-11-24T00:00:00.000Z");
    expect(systemTimeToJson("2026-11-24T10:15:00.123Z")).toBe("2026-11-24T10:15:00.123Z");
    expect(systemTimeToJson("2026-11-24T10:15:00.123")).toBe("2026-11-24T10:15:00.123Z");
    expect(systemTimeToJson(null)).toBeNull();
  });
});
