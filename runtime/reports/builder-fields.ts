import { hasTimeOfDay, isDated, isGroupable, isMoney, isNumeric } from "../fields/registry";
import { isRelation, relationTarget } from "../fields/structure";
import { mayDo, unseenFields, type Actor } from "../records/permissions";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";

/**
 * What the report builder offers an actor: the tables they may read, and per table the fields a
 * report may group by (its own, and one relation deep) and measure. Fields their role cannot see
 * are not offered, as the runner would refuse them.
 */

export interface BuilderField {
  /** `field` or `relation.field`. */
  path: string;
  label: string;
  groupable: boolean;
  /** Sum, average, min and max apply (a number or money field of the table itself). */
  measurable: boolean;
  money: boolean;
  dated: boolean;
  /** A date without a time of day: aging applies. */
  dateOnly: boolean;
}

export interface BuilderTable {
  key: string;
  label: string;
  pluralLabel: string;
  fields: BuilderField[];
}

function ownFields(
  actor: Actor,
  compiled: CompiledSchema,
  table: CompiledTable,
  via: { key: string; label: string } | null,
): BuilderField[] {
  const unseen = unseenFields(actor, compiled, table);
  return table.fields
    .filter((f) => !unseen.has(f.key))
    .map((f) => ({
      path: via ? `${via.key}.${f.key}` : f.key,
      label: via ? `${via.label} › ${f.label}` : f.label,
      groupable: isGroupable(f.def),
      measurable: !via && isNumeric(f.def),
      money: isMoney(f.def),
      dated: isDated(f.def),
      dateOnly: isDated(f.def) && !hasTimeOfDay(f.def),
    }))
    .filter((f) => f.groupable || f.measurable);
}

export function builderTables(actor: Actor, compiled: CompiledSchema): BuilderTable[] {
  return compiled.tables
    .filter((t) => mayDo(actor, "read", t))
    .map((table) => {
      const fields = ownFields(actor, compiled, table, null);
      const unseen = unseenFields(actor, compiled, table);
      for (const f of table.fields) {
        const targetKey = isRelation(f) && !unseen.has(f.key) ? relationTarget(f) : undefined;
        const target = targetKey && targetKey !== USERS_TABLE ? compiled.tablesByKey.get(targetKey) : undefined;
        if (!target || !mayDo(actor, "read", target)) continue;
        fields.push(...ownFields(actor, compiled, target, { key: f.key, label: f.label }).filter((x) => x.groupable));
      }
      return { key: table.key, label: table.label, pluralLabel: table.pluralLabel, fields };
    });
}
