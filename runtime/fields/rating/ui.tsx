import { useTranslation } from "react-i18next";
import type { FieldUi, FieldWidgetProps, KindSettings, SettingsInputsProps } from "../ui-types";
import { englishSettingsWords } from "../ui/settings-words";
import { errorAria } from "../ui/aria";
import { classNames } from "../ui/class-names";
import { alwaysNumeric, formattedCell } from "../ui/formatted-cell";
import { parseSingleValue } from "../ui/form-values";
import { declaredStars, DEFAULT_STARS, MAX_STARS, MIN_STARS, ratingKind, starsOf } from "./index";

/**
 * One radio button a star, so the rating works by keyboard (arrow keys move along the stars) and
 * posts without JavaScript; the stars up to the chosen one light up by CSS alone (fields.css).
 * "None" clears a rating that is not required.
 */
function RatingWidget(props: FieldWidgetProps) {
  const { t } = useTranslation();
  const stars = starsOf(props.field.def);
  const current = typeof props.value === "number" ? props.value : null;
  const name = props.readOnly ? undefined : props.name;
  return (
    <div
      role="radiogroup"
      id={props.id}
      aria-labelledby={`${props.id}-label`}
      className={classNames("tf-rating", props.dense && "tf-rating--dense")}
      {...errorAria(props)}
    >
      {props.required ? null : (
        <label className="tf-rating__none">
          <input
            type="radio"
            name={name}
            value=""
            checked={current === null}
            disabled={props.readOnly}
            onChange={() => props.onChange(null)}
            className="tf-rating__input"
          />
          <span className="tf-rating__mark">{t("fields.none")}</span>
        </label>
      )}
      {Array.from({ length: stars }, (_, i) => i + 1).map((n) => (
        <label key={n} className="tf-rating__star" title={`${n} of ${stars}`}>
          <input
            type="radio"
            name={name}
            value={n}
            checked={current === n}
            disabled={props.readOnly}
            onChange={() => props.onChange(n)}
            className="tf-rating__input"
          />
          <span className="tf-rating__mark" aria-hidden="true">
            ★
          </span>
          <span className="tf-sr-only">
            {n} {n === 1 ? "star" : "stars"}
          </span>
        </label>
      ))}
      {/* A disabled radio posts nothing: the hidden input keeps the value. */}
      {props.readOnly && current !== null ? <input type="hidden" name={props.name} value={current} /> : null}
    </div>
  );
}

function StarsInput({ text, set, errors, Frame }: SettingsInputsProps) {
  const { t } = useTranslation();
  return (
    <Frame
      label={t("schemaDesigner.kindSettings.stars")}
      error={errors.stars}
      hint={t("schemaDesigner.kindSettings.starsHint", { min: MIN_STARS, max: MAX_STARS, fallback: DEFAULT_STARS })}
    >
      {(p) => (
        <input
          {...p}
          name="stars"
          inputMode="numeric"
          placeholder={String(DEFAULT_STARS)}
          value={text.stars ?? ""}
          onChange={(e) => set("stars", e.target.value)}
        />
      )}
    </Frame>
  );
}

/** How many stars (`x-max`); none written means the default. */
const ratingSettings: KindSettings = {
  read: (def) => ({ stars: declaredStars(def)?.toString() ?? "" }),
  write: (text, _place, problems, t = englishSettingsWords) => {
    const typed = text.stars?.trim() ?? "";
    if (typed === "") return { "x-max": undefined };
    const stars = Number(typed);
    if (Number.isInteger(stars) && stars >= MIN_STARS && stars <= MAX_STARS) return { "x-max": stars };
    problems.stars = t("schemaDesigner.kindSettings.starsInvalid", { min: MIN_STARS, max: MAX_STARS });
    return {};
  },
  Inputs: StarsInput,
};

export const ratingUi: FieldUi = {
  Widget: RatingWidget,
  // Aligned like the other numbers of a list, under its header.
  Cell: formattedCell(ratingKind, { numeric: alwaysNumeric }),
  fromFormData: parseSingleValue(ratingKind),
  settings: ratingSettings,
};
