import type { Action, Trigger } from "@runtime/automation/types";

/** A field's label by key (falls back to the key). */
export type LabelOf = (fieldKey: string) => string;

const EVERY: Record<"hour" | "day" | "week" | "month", string> = {
  hour: "Every hour",
  day: "Every day",
  week: "Every week",
  month: "Every month",
};
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function list(labels: string[]): string {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

function offsetText(amount: number, unit: string, field: string): string {
  if (amount === 0) return `When ${field} is reached`;
  const n = Math.abs(amount);
  const units = n === 1 ? unit.replace(/s$/, "") : unit;
  return `${n} ${units} ${amount < 0 ? "before" : "after"} ${field}`;
}

/** A trigger as the rules list says it: "When a client is changed (Status)". */
export function describeTrigger(trigger: Trigger, singular: string, labelOf: LabelOf): string {
  const a = `a ${singular.toLowerCase()}`;
  switch (trigger.type) {
    case "created":
      return `When ${a} is created`;
    case "updated":
      return trigger.fields?.length ? `When ${list(trigger.fields.map(labelOf))} of ${a} changes` : `When ${a} is changed`;
    case "deleted":
      return `When ${a} is deleted`;
    case "date":
      return offsetText(trigger.offset.amount, trigger.offset.unit, labelOf(trigger.field));
    case "schedule": {
      const on =
        trigger.every === "week" && trigger.weekday
          ? ` on ${WEEKDAYS[trigger.weekday - 1]}`
          : trigger.every === "month" && trigger.day
            ? ` on day ${trigger.day}`
            : "";
      return `${EVERY[trigger.every]}${on}${trigger.at ? ` at ${trigger.at}` : ""}`;
    }
    case "manual":
      return `Button “${trigger.label}”`;
  }
}

const ACTION_WORDS: Record<Action["type"], string> = {
  create: "Create a record",
  update: "Update fields",
  assign: "Assign to someone",
  closeTasks: "Close its tasks",
  notify: "Notify people",
  requestApproval: "Ask for approval",
};

/** The title of an action's form ("Create a record"). */
export function actionTitle(type: Action["type"]): string {
  return ACTION_WORDS[type];
}
