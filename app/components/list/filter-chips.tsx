import { useTranslation } from "react-i18next";
import { Link } from "@remix-run/react";
import type { Condition, ConditionMode } from "@runtime/views/conditions";
import type { ListField } from "@runtime/views/list-page-data";
import { withChanges, type ListParams } from "@runtime/views/list-params";
import { describeCondition } from "./condition-text";
import { listHref } from "./list-link";

/** The active conditions as removable chips; removing is a link, so it works without JavaScript. */
export function FilterChips(props: {
  tableKey: string;
  fields: ListField[];
  conditions: Condition[];
  mode: ConditionMode;
  params: ListParams;
  refTitles: Record<string, string>;
}) {
  const { t } = useTranslation();
  if (props.conditions.length === 0) return null;
  const byKey = new Map(props.fields.map((f) => [f.key, f]));
  return (
    <ul className="filter-chips" aria-label={t("filters.active")}>
      {props.conditions.map((c, i) => {
        const text = describeCondition(c, byKey.get(c.field), props.refTitles, t);
        const rest = props.conditions.filter((_, j) => j !== i);
        return (
          <li key={i} className="chip chip--filter">
            {i > 0 ? <span className="chip__join">{t(props.mode === "or" ? "filters.or" : "filters.and")}</span> : null}
            <span>{text}</span>
            <Link
              className="chip__remove"
              to={listHref(props.tableKey, withChanges(props.params, { conditions: rest, mode: props.mode }))}
              aria-label={t("filters.remove", { text })}
            >
              ×
            </Link>
          </li>
        );
      })}
      <li>
        <Link className="filter-chips__clear" to={listHref(props.tableKey, withChanges(props.params, { conditions: [], mode: "and" }))}>
          {t("filters.clear")}
        </Link>
      </li>
    </ul>
  );
}
