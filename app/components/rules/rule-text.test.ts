import { describe, expect, it } from "vitest";
import { actionTitle, describeTrigger } from "./rule-text";

const labelOf = (key: string) => ({ status: "Status", due: "Due", manager: "Manager" })[key] ?? key;

describe("describeTrigger", () => {
  it("says each trigger in words", () => {
    expect(describeTrigger({ type: "created" }, "Client", labelOf)).toBe("When a client is created");
    expect(describeTrigger({ type: "updated" }, "Client", labelOf)).toBe("When a client is changed");
    expect(describeTrigger({ type: "updated", fields: ["status", "manager"] }, "Client", labelOf)).toBe(
      "When Status or Manager of a client changes",
    );
    expect(describeTrigger({ type: "deleted" }, "Task", labelOf)).toBe("When a task is deleted");
    expect(describeTrigger({ type: "date", field: "due", offset: { amount: -1, unit: "days" } }, "Task", labelOf)).toBe("1 day before Due");
    expect(describeTrigger({ type: "date", field: "due", offset: { amount: 0, unit: "minutes" } }, "Task", labelOf)).toBe(
      "When Due is reached",
    );
    expect(describeTrigger({ type: "schedule", every: "week", weekday: 1, at: "08:00" }, "Task", labelOf)).toBe(
      "Every week on Monday at 08:00",
    );
    expect(describeTrigger({ type: "manual", label: "Convert lead" }, "Client", labelOf)).toBe("Button “Convert lead”");
  });

  it("titles every action type", () => {
    expect(actionTitle("closeTasks")).toBe("Close its tasks");
  });
});
