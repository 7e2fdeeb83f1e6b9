import type { Action, Trigger } from "@runtime/automation/types";
import { englishWords, type Words } from "@runtime/i18n/words";

/** A field's label by key (falls back to the key). */
export type LabelOf = (fieldKey: string) => string;

/** Triggers and actions in words, in English; the rules screens pass their reader's `t` (`locales/*.json`, same keys). */
export const RULE_TEXT_ENGLISH: Readonly<Record<string, string>> = {
  "rules.trigger.created": "When a {{noun}} is created",
  "rules.trigger.changed": "When a {{noun}} is changed",
  "rules.trigger.fieldsChange": "When {{fields}} of a {{noun}} changes",
  "rules.trigger.deleted": "When a {{noun}} is deleted",
  "rules.trigger.reached": "When {{field}} is reached",
  "rules.trigger.before": "{{amount}} before {{field}}",
  "rules.trigger.after": "{{amount}} after {{field}}",
  "rules.trigger.or": "{{items}} or {{last}}",
  "rules.trigger.every.hour": "Every hour",
  "rules.trigger.every.day": "Every day",
  "rules.trigger.every.week": "Every week",
  "rules.trigger.every.month": "Every month",
  "rules.trigger.onWeekday": "{{when}} on {{day}}",
  "rules.trigger.onMonthDay": "{{when}} on day {{day}}",
  "rules.trigger.at": "{{when}} at {{time}}",
  "rules.trigger.button": "Button “{{label}}”",
  "rules.units.minutes_one": "{{count}} minute",
  "rules.units.minutes_other": "{{count}} minutes",
  "rules.units.hours_one": "{{count}} hour",
  "rules.units.hours_other": "{{count}} hours",
  "rules.units.days_one": "{{count}} day",
  "rules.units.days_other": "{{count}} days",
  "rules.weekdays.1": "Monday",
  "rules.weekdays.2": "Tuesday",
  "rules.weekdays.3": "Wednesday",
  "rules.weekdays.4": "Thursday",
  "rules.weekdays.5": "Friday",
  "rules.weekdays.6": "Saturday",
  "rules.weekdays.7": "Sunday",
  "rules.actions.create": "Create a record",
  "rules.actions.update": "Update fields",
  "rules.actions.assign": "Assign to someone",
  "rules.actions.closeTasks": "Close its tasks",
  "rules.actions.notify": "Notify people",
  "rules.actions.requestApproval": "Ask for approval",
};
const english = englishWords(RULE_TEXT_ENGLISH);

function list(labels: string[], t: Words): string {
  if (labels.length <= 1) return labels.join("");
  return t("rules.trigger.or", { items: labels.slice(0, -1).join(", "), last: labels[labels.length - 1] });
}

/** A trigger as the rules list says it: "When a client is changed (Status)". */
export function describeTrigger(trigger: Trigger, singular: string, labelOf: LabelOf, t: Words = english): string {
  const noun = singular.toLowerCase();
  switch (trigger.type) {
    case "created":
      return t("rules.trigger.created", { noun });
    case "updated":
      return trigger.fields?.length
        ? t("rules.trigger.fieldsChange", { fields: list(trigger.fields.map(labelOf), t), noun })
        : t("rules.trigger.changed", { noun });
    case "deleted":
      return t("rules.trigger.deleted", { noun });
    case "date": {
      const { amount, unit } = trigger.offset;
      const field = labelOf(trigger.field);
      if (amount === 0) return t("rules.trigger.reached", { field });
      const span = t(`rules.units.${unit}`, { count: Math.abs(amount) });
      return t(amount < 0 ? "rules.trigger.before" : "rules.trigger.after", { amount: span, field });
    }
    case "schedule": {
      let when = t(`rules.trigger.every.${trigger.every}`);
      if (trigger.every === "week" && trigger.weekday)
        when = t("rules.trigger.onWeekday", { when, day: t(`rules.weekdays.${trigger.weekday}`) });
      else if (trigger.every === "month" && trigger.day) when = t("rules.trigger.onMonthDay", { when, day: trigger.day });
      return trigger.at ? t("rules.trigger.at", { when, time: trigger.at }) : when;
    }
    case "manual":
      return t("rules.trigger.button", { label: trigger.label });
  }
}

/** The title of an action's form ("Create a record"). */
export function actionTitle(type: Action["type"], t: Words = english): string {
  return t(`rules.actions.${type}`);
}
