import { useTranslation } from "react-i18next";
import { USERS_TABLE } from "../../schema/types";
import { englishSettingsWords } from "../ui/settings-words";
import type { FieldCellProps, FieldUi, KindSettings, SettingsInputsProps } from "../ui-types";
import { parseSingleValue } from "../ui/form-values";
import { currentRef, recordHref, RelationPicker } from "../ui/relation-picker";
import { relationKind } from "./index";

/** The linked record's title; users have no record page, so theirs is plain text. */
function RelationCell(props: FieldCellProps) {
  const ref = currentRef(props.value, props.expanded);
  if (!ref) return <span className="tf-cell" />;
  const target = props.field.def["x-target"] ?? "";
  return (
    <span className="tf-cell" title={ref.title}>
      {target === USERS_TABLE ? ref.title : <a href={recordHref(target, ref.id)}>{ref.title}</a>}
    </span>
  );
}

function RelationSettingsInputs({ text, set, errors, place, Frame }: SettingsInputsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Frame label={t("schemaDesigner.kindSettings.linksTo")} error={errors.target}>
        {(p) => (
          <select {...p} name="target" value={text.target ?? ""} onChange={(e) => set("target", e.target.value)}>
            <option value="">{t("schemaDesigner.kindSettings.pickTable")}</option>
            {Object.entries(place.schema.$defs).map(([key, t]) => (
              <option key={key} value={key}>
                {t["x-plural"] ?? t.title ?? key}
              </option>
            ))}
            <option value={USERS_TABLE}>{t("schemaDesigner.users")}</option>
          </select>
        )}
      </Frame>
      <Frame label={t("schemaDesigner.kindSettings.inverse")} hint={t("schemaDesigner.kindSettings.inverseHint")}>
        {(p) => <input {...p} name="inverse" value={text.inverse ?? ""} onChange={(e) => set("inverse", e.target.value)} />}
      </Frame>
    </>
  );
}

/** The table it links to, and the name of the list its records make on that table's card. */
const relationSettings: KindSettings = {
  read: (def) => ({ target: def["x-target"] ?? "", inverse: def["x-inverse"] ?? "" }),
  write: (text, _place, problems, t = englishSettingsWords) => {
    const target = text.target ?? "";
    if (!target) problems.target = t("schemaDesigner.kindSettings.targetMissing");
    return { "x-target": target || undefined, "x-inverse": text.inverse?.trim() || undefined };
  },
  Inputs: RelationSettingsInputs,
};

export const relationUi: FieldUi = {
  Widget: RelationPicker,
  Cell: RelationCell,
  fromFormData: parseSingleValue(relationKind),
  settings: relationSettings,
};
