import type { TimeUnit, Trigger, TriggerType } from "@runtime/automation/types";
import type { EditorTable } from "./editor-types";
import { FieldProblems } from "./rule-problems";

const TYPES: { type: TriggerType; label: string; hint: string }[] = [
  { type: "created", label: "Created", hint: "A record is added" },
  { type: "updated", label: "Changed", hint: "A record is saved with changes" },
  { type: "deleted", label: "Deleted", hint: "A record goes to the trash" },
  { type: "date", label: "Date reached", hint: "A date field, before or after" },
  { type: "schedule", label: "Schedule", hint: "Every hour, day, week or month" },
  { type: "manual", label: "Button", hint: "Someone clicks it on the card" },
];

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

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function TriggerDetails({ trigger, table, onChange }: { trigger: Trigger; table: EditorTable | undefined; onChange(t: Trigger): void }) {
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
          <legend>Only when these fields change (none: any change)</legend>
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
            <span className="rules-input__label">Amount</span>
            <input
              type="number"
              value={trigger.offset.amount}
              onChange={(e) => onChange({ ...trigger, offset: { ...trigger.offset, amount: Number(e.target.value) } })}
            />
          </label>
          <label className="rules-input">
            <span className="rules-input__label">Unit</span>
            <select
              value={trigger.offset.unit}
              onChange={(e) => onChange({ ...trigger, offset: { ...trigger.offset, unit: e.target.value as TimeUnit } })}
            >
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </select>
          </label>
          <label className="rules-input">
            <span className="rules-input__label">From the date in (negative: before)</span>
            <select value={trigger.field} onChange={(e) => onChange({ ...trigger, field: e.target.value })}>
              {fields.some((f) => f.dated) ? null : <option value="">This table has no date fields</option>}
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
            <span className="rules-input__label">Every</span>
            <select value={trigger.every} onChange={(e) => onChange({ type: "schedule", every: e.target.value as "day", at: trigger.at })}>
              <option value="hour">hour</option>
              <option value="day">day</option>
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          </label>
          {trigger.every === "week" ? (
            <label className="rules-input">
              <span className="rules-input__label">On</span>
              <select value={trigger.weekday ?? 1} onChange={(e) => onChange({ ...trigger, weekday: Number(e.target.value) })}>
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i + 1}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {trigger.every === "month" ? (
            <label className="rules-input">
              <span className="rules-input__label">On day (1–28)</span>
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
            <span className="rules-input__label">At</span>
            <input type="time" value={trigger.at ?? ""} onChange={(e) => onChange({ ...trigger, at: e.target.value || undefined })} />
          </label>
          <FieldProblems path="/trigger" within />
        </div>
      );
    case "manual":
      return (
        <label className="rules-input">
          <span className="rules-input__label">Button label on the card</span>
          <input
            value={trigger.label}
            placeholder="e.g. Convert lead"
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
  return (
    <div className="rules-trigger">
      <div className="rules-trigger__types" role="radiogroup" aria-label="Trigger">
        {TYPES.map((t) => (
          <label key={t.type} className={`rules-trigger__type${trigger.type === t.type ? " is-selected" : ""}`}>
            <input
              type="radio"
              name="trigger-type"
              value={t.type}
              checked={trigger.type === t.type}
              onChange={() => onChange(startTrigger(t.type, table))}
            />
            <strong>{t.label}</strong>
            <span>{t.hint}</span>
          </label>
        ))}
      </div>
      <TriggerDetails trigger={trigger} table={table} onChange={onChange} />
      <FieldProblems path="/trigger" />
    </div>
  );
}
