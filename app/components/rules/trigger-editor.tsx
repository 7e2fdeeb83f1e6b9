import { useTranslation } from "react-i18next";
import type { TimeUnit, Trigger, TriggerType } from "@runtime/automation/types";
import type { EditorTable } from "./editor-types";
import { FieldProblems } from "./rule-problems";

/** The six kinds of trigger, in the order offered; each says `rules.triggers.<type>` and its hint. */
const TYPES: TriggerType[] = ["created", "updated", "deleted", "date", "schedule", "manual"];

/** A new trigger of `type`, with sensible first values for the table. */
export function startTrigger(type: TriggerType, table: EditorTable | undefined): Trigger {
  switch (type) {
    case "updated":
      return { type, fields: [] };
    case "date":
      return { type, field: table?.fields.find((f) => f.dated)?.key ?? "", offset: { amount: 0, unit: "days" } };
    case "schedule":
      return { type, every: "day", at: "08:00" };
    case "manual":
      return { type, label: "" };
    default:
      return { type };
  }
}

/** ISO weekday numbers, Monday first; their names are `rules.weekdays.<n>`. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function TriggerDetails({ trigger, table, onChange }: { trigger: Trigger; table: EditorTable | undefined; onChange(t: Trigger): void }) {
  const { t } = useTranslation();
  const fields = table?.fields ?? [];
  switch (trigger.type) {
    case "updated": {
      const chosen = new Set(trigger.fields ?? []);
      const toggle = (key: string) => {
        const next = chosen.has(key) ? [...chosen].filter((k) => k !== key) : [...chosen, key];
        onChange({ type: "updated", ...(next.length ? { fields: next } : {}) });
      };
      return (
        <fieldset className="rules-fieldset">
          <legend>{t("rules.triggerEditor.fields")}</legend>
          <div className="rules-chips" data-testid="trigger-fields">
            {fields.map((f) => (
              <label key={f.key} className={`rules-chip${chosen.has(f.key) ? " rules-chip--on" : ""}`}>
                <input type="checkbox" checked={chosen.has(f.key)} onChange={() => toggle(f.key)} value={f.key} />
                {f.label}
              </label>
            ))}
          </div>
          <FieldProblems path="/trigger/fields" within />
        </fieldset>
      );
    }
    case "date":
      return (
        <div className="rules-row">
          <label className="rules-input">
            <span className="rules-input__label">{t("rules.triggerEditor.amount")}</span>
            <input
              type="number"
              value={trigger.offset.amount}
              onChange={(e) => onChange({ ...trigger, offset: { ...trigger.offset, amount: Number(e.target.value) } })}
            />
          </label>
          <label className="rules-input">
            <span className="rules-input__label">{t("rules.triggerEditor.unit")}</span>
            <select
              value={trigger.offset.unit}
              onChange={(e) => onChange({ ...trigger, offset: { ...trigger.offset, unit: e.target.value as TimeUnit } })}
            >
              <option value="minutes">{t("rules.triggerEditor.minutes")}</option>
              <option value="hours">{t("rules.triggerEditor.hours")}</option>
              <option value="days">{t("rules.triggerEditor.days")}</option>
            </select>
          </label>
          <label className="rules-input">
            <span className="rules-input__label">{t("rules.triggerEditor.from")}</span>
            <select value={trigger.field} onChange={(e) => onChange({ ...trigger, field: e.target.value })}>
              {fields.some((f) => f.dated) ? null : <option value="">{t("rules.triggerEditor.noDates")}</option>}
              {fields
                .filter((f) => f.dated)
                .map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                  </option>
                ))}
            </select>
          </label>
          <FieldProblems path="/trigger" within />
        </div>
      );
    case "schedule":
      return (
        <div className="rules-row">
          <label className="rules-input">
            <span className="rules-input__label">{t("rules.triggerEditor.every")}</span>
            <select value={trigger.every} onChange={(e) => onChange({ type: "schedule", every: e.target.value as "day", at: trigger.at })}>
              <option value="hour">{t("rules.triggerEditor.hour")}</option>
              <option value="day">{t("rules.triggerEditor.day")}</option>
              <option value="week">{t("rules.triggerEditor.week")}</option>
              <option value="month">{t("rules.triggerEditor.month")}</option>
            </select>
          </label>
          {trigger.every === "week" ? (
            <label className="rules-input">
              <span className="rules-input__label">{t("rules.triggerEditor.on")}</span>
              <select value={trigger.weekday ?? 1} onChange={(e) => onChange({ ...trigger, weekday: Number(e.target.value) })}>
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {t(`rules.weekdays.${d}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {trigger.every === "month" ? (
            <label className="rules-input">
              <span className="rules-input__label">{t("rules.triggerEditor.onDay")}</span>
              <input
                type="number"
                min={1}
                max={28}
                value={trigger.day ?? 1}
                onChange={(e) => onChange({ ...trigger, day: Number(e.target.value) })}
              />
            </label>
          ) : null}
          <label className="rules-input">
            <span className="rules-input__label">{t("rules.triggerEditor.at")}</span>
            <input type="time" value={trigger.at ?? ""} onChange={(e) => onChange({ ...trigger, at: e.target.value || undefined })} />
          </label>
          <FieldProblems path="/trigger" within />
        </div>
      );
    case "manual":
      return (
        <label className="rules-input">
          <span className="rules-input__label">{t("rules.triggerEditor.buttonLabel")}</span>
          <input
            value={trigger.label}
            placeholder={t("rules.triggerEditor.buttonExample")}
            onChange={(e) => onChange({ type: "manual", label: e.target.value })}
          />
          <FieldProblems path="/trigger/label" />
        </label>
      );
    default:
      return null;
  }
}

/** When the rule acts: one of six kinds of trigger, each with its own details. */
export function TriggerEditor({
  trigger,
  table,
  onChange,
}: {
  trigger: Trigger;
  table: EditorTable | undefined;
  onChange(t: Trigger): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="rules-trigger">
      <div className="rules-trigger__types" role="radiogroup" aria-label={t("rules.triggerEditor.label")}>
        {TYPES.map((type) => (
          <label key={type} className={`rules-trigger__type${trigger.type === type ? " is-selected" : ""}`}>
            <input
              type="radio"
              name="trigger-type"
              value={type}
              checked={trigger.type === type}
              onChange={() => onChange(startTrigger(type, table))}
            />
            <strong>{t(`rules.triggers.${type}`)}</strong>
            <span>{t(`rules.triggers.${type}Hint`)}</span>
          </label>
        ))}
      </div>
      <TriggerDetails trigger={trigger} table={table} onChange={onChange} />
      <FieldProblems path="/trigger" />
    </div>
  );
}
