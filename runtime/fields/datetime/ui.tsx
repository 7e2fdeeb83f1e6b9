import { useEffect, useState } from "react";
import type { FieldUi, FieldWidgetProps } from "../ui-types";
import { errorAria } from "../ui/aria";
import { classNames } from "../ui/class-names";
import { browserTimeZone, isLocalDateTime, isTimeZone, localInputToUtc, utcToLocalInput } from "../ui/datetime-local";
import { formattedCell } from "../ui/formatted-cell";
import { asResult } from "../ui/form-values";
import { datetimeKind } from "./index";
import { noSettings } from "../ui/kind-settings";

/**
 * The server renders in the workspace's zone; once running in the browser the widget switches to
 * the user's own. The zone is posted beside the wall-clock text, so a card saved without
 * JavaScript still converts exactly as the control showed it.
 */
function DatetimeWidget(props: FieldWidgetProps) {
  const [zone, setZone] = useState(() => (props.format.timeZone && isTimeZone(props.format.timeZone) ? props.format.timeZone : "UTC"));
  useEffect(() => setZone(browserTimeZone()), []);
  return (
    <>
      <input
        type="datetime-local"
        id={props.id}
        name={props.name}
        value={utcToLocalInput(props.value, zone)}
        onChange={(event) => props.onChange(event.target.value === "" ? null : localInputToUtc(event.target.value, zone))}
        required={props.required}
        readOnly={props.readOnly}
        className={classNames("tf-input", "tf-input--datetime", props.dense && "tf-input--dense")}
        {...errorAria(props)}
      />
      <input type="hidden" name={props.name} value={zone} />
    </>
  );
}

export const datetimeUi: FieldUi = {
  Widget: DatetimeWidget,
  Cell: formattedCell(datetimeKind),
  fromFormData: (values, field) => {
    const present = values.filter((v) => v.trim() !== "");
    const local = present.filter(isLocalDateTime);
    const zones = present.filter((v) => !isLocalDateTime(v) && isTimeZone(v));
    const rest = present.filter((v) => !isLocalDateTime(v) && !isTimeZone(v));
    if (local.length > 1 || rest.length > 1 || (local.length && rest.length)) {
      return { ok: false, error: `${field.label} takes one date and time, but ${local.length + rest.length} were sent` };
    }
    // Text that already names its zone (an API client, a script) is read as it is.
    if (rest.length === 1) return asResult(datetimeKind.parseText(rest[0], field.def));
    if (local.length === 0) return { ok: true, value: null };
    const zone = zones[0] ?? "UTC";
    const utc = localInputToUtc(local[0], zone);
    if (utc === null) return { ok: false, error: `“${local[0]}” is not a date and time on the calendar` };
    return { ok: true, value: utc };
  },
  settings: noSettings,
};
