import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Words } from "@runtime/i18n/words";
import { useWords } from "../../i18n/use-words";
import type { Filter } from "@runtime/automation/types";
import { fromFilter, toFilter } from "@runtime/views/conditions";
import { describeCondition } from "../list/condition-text";
import { FilterBuilder } from "../list/filter-builder";
import type { EditorTable } from "./editor-types";
import { FieldProblems } from "./rule-problems";

/** The condition in words: "Only for clients where Status is Active". */
function conditionText(condition: Filter | undefined, table: EditorTable, t: Words): string {
  const plural = table.pluralLabel.toLowerCase();
  if (!condition) return t("rules.condition.always", { table: plural });
  const parsed = fromFilter(condition);
  if (!parsed) return t("rules.condition.custom");
  const byKey = new Map(table.fields.map((f) => [f.key, f]));
  const parts = parsed.conditions.map((c) => describeCondition(c, byKey.get(c.field), {}, t));
  const joined = parts.join(` ${t(parsed.mode === "or" ? "filters.or" : "filters.and")} `);
  return t("rules.condition.where", { table: plural, conditions: joined });
}

/** Which records the rule acts on: the list's filter builder, so admins say it as they filter lists. */
export function ConditionEditor(props: {
  condition: Filter | undefined;
  table: EditorTable;
  today: string;
  onChange(c: Filter | undefined): void;
}) {
  const { t } = useTranslation();
  const words = useWords();
  const parsed = fromFilter(props.condition ?? null);
  // The builder starts over from the condition whenever it is cancelled or the table changes.
  const [generation, setGeneration] = useState(0);
  return (
    <div className="rules-condition">
      <p className="rules-condition__now" data-testid="condition-text">
        {conditionText(props.condition, props.table, words)}
      </p>
      {parsed ? (
        <FilterBuilder
          key={`${props.table.key}-${generation}`}
          fields={props.table.fields}
          conditions={parsed.conditions}
          mode={parsed.mode}
          refTitles={{}}
          today={props.today}
          onApply={(conditions, mode) => props.onChange((toFilter(conditions, mode) as Filter | undefined) ?? undefined)}
          onCancel={() => setGeneration((g) => g + 1)}
        />
      ) : (
        <p className="rules-muted">{t("rules.condition.nested")}</p>
      )}
      <FieldProblems path="/condition" within />
    </div>
  );
}
