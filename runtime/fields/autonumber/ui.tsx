import { useTranslation } from "react-i18next";
import type { CompiledSchema } from "../../schema/compile";
import type { Words } from "../../i18n/words";
import { englishSettingsWords } from "../ui/settings-words";
import { humanize } from "../../schema/compile";
import type { FieldCondition } from "../../schema/types";
import { optionLabel } from "../options";
import type { FieldUi, FieldWidgetProps, KindSettings, SettingsInputsProps } from "../ui-types";
import { ComputedValue, computedUi } from "../ui/computed-value";
import { formattedCell } from "../ui/formatted-cell";
import { useWorkspace } from "../ui/use-workspace";
import { autonumberKind } from "./index";

/** "Assigned when Status is Issued": why a draft invoice has no number yet, in the schema's and the reader's words. */
export function assignmentHint(field: FieldWidgetProps["field"], schema: CompiledSchema | null, t: Words): string {
  const condition: FieldCondition | undefined = field.def["x-assign-when"];
  if (!condition) return t("fields.assigned.saved");
  const other = schema?.tablesByKey.get(field.tableKey)?.fieldsByKey.get(condition.field);
  const name = other?.label ?? humanize(condition.field);
  const show = (value: unknown) => (other ? optionLabel(String(value), other.def) : String(value));
  switch (condition.op) {
    case "eq":
      return t("fields.assigned.eq", { name, value: show(condition.value) });
    case "neq":
      return t("fields.assigned.neq", { name, value: show(condition.value) });
    case "in": {
      const values = Array.isArray(condition.value) ? condition.value.map(show) : [show(condition.value)];
      return t("fields.assigned.eq", { name, value: values.join(` ${t("fields.assigned.or")} `) });
    }
    case "notEmpty":
      return t("fields.assigned.notEmpty", { name });
  }
}

function AutonumberWidget(props: FieldWidgetProps) {
  const workspace = useWorkspace();
  const { t } = useTranslation();
  return (
    <ComputedValue
      {...props}
      kind={autonumberKind}
      placeholder={assignmentHint(props.field, workspace?.schema ?? null, (key, values) => t(key, values ?? {}))}
    />
  );
}

function PatternInput({ text, set, errors, Frame }: SettingsInputsProps) {
  const { t } = useTranslation();
  return (
    <Frame label={t("schemaDesigner.kindSettings.pattern")} error={errors.pattern} hint={t("schemaDesigner.kindSettings.patternHint")}>
      {(p) => (
        <input
          {...p}
          name="pattern"
          value={text.pattern ?? ""}
          onChange={(e) => set("pattern", e.target.value)}
          placeholder="INV-{YYYY}-{0000}"
        />
      )}
    </Frame>
  );
}

/** The pattern numbers are made by. */
const autonumberSettings: KindSettings = {
  read: (def) => ({ pattern: def["x-pattern"] ?? "" }),
  write: (text, _place, problems, t = englishSettingsWords) => {
    const pattern = text.pattern?.trim() ?? "";
    if (!pattern) problems.pattern = t("schemaDesigner.kindSettings.patternMissing");
    return { "x-pattern": pattern || undefined };
  },
  Inputs: PatternInput,
};

export const autonumberUi: FieldUi = {
  ...computedUi(autonumberKind, {}),
  Widget: AutonumberWidget,
  Cell: formattedCell(autonumberKind),
  settings: autonumberSettings,
};
