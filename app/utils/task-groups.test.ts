import { describe, expect, it } from "vitest";
import { groupTasks, taskGroupOf } from "./task-groups";

const now = new Date("2026-12-05T14:00:00.000Z");

describe("taskGroupOf", () => {
  it("puts a passed due time first, then the rest of today, then later days, then no date", () => {
    expect(taskGroupOf("2026-12-05T09:00:00.000Z", now, "UTC")).toBe("overdue");
    expect(taskGroupOf("2026-11-30T09:00:00.000Z", now, "UTC")).toBe("overdue");
    expect(taskGroupOf("2026-12-05T18:00:00.000Z", now, "UTC")).toBe("today");
    expect(taskGroupOf("2026-12-06T08:00:00.000Z", now, "UTC")).toBe("upcoming");
    expect(taskGroupOf(null, now, "UTC")).toBe("someday");
    expect(taskGroupOf("not a date", now, "UTC")).toBe("someday");
  });

  it("ends today at midnight in the firm's time zone", () => {
    // 23:30 UTC is already tomorrow in Berlin, still today in New York.
    expect(taskGroupOf("2026-12-05T23:30:00.000Z", now, "Europe/Berlin")).toBe("upcoming");
    expect(taskGroupOf("2026-12-05T23:30:00.000Z", now, "America/New_York")).toBe("today");
  });
});

describe("groupTasks", () => {
  it("keeps the order within a group and leaves empty groups out", () => {
    const tasks = [
      { id: 1, due: null },
      { id: 2, due: "2026-12-01T09:00:00.000Z" },
      { id: 3, due: "2026-12-09T09:00:00.000Z" },
      { id: 4, due: "2026-12-02T09:00:00.000Z" },
    ];
    expect(groupTasks(tasks, now, "UTC").map((g) => [g.key, g.tasks.map((t) => t.id)])).toEqual([
      ["overdue", [2, 4]],
      ["upcoming", [3]],
      ["someday", [1]],
    ]);
  });
});
