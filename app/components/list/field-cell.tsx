import type { FieldCellProps, RecordRefValue } from "@runtime/fields/ui-types";
import type { FormatOptions } from "@runtime/fields/types";
import type { RecordJson } from "@runtime/records/rows";
import type { CompiledField } from "@runtime/schema/compile";
import { fieldUis } from "@runtime/fields/ui-registry";
import { Highlight } from "../highlight";
import { valueKindOf } from "@runtime/fields/registry";
import { useMemo } from "react";
import { useLocale } from "../../i18n/use-locale";

export const LIST_FORMAT: FormatOptions = { locale: "en-US", currency: "EUR" };

/** How lists show values to this reader: their language's dates, digits and money. */
export function useListFormat(): FormatOptions {
  const locale = useLocale();
  return useMemo(() => ({ ...LIST_FORMAT, locale }), [locale]);
}

/** The cell shows the stored text as it is, so marking words in that text marks what the cell shows. */
function showsAsStored(cell: FieldCellProps): cell is FieldCellProps & { value: string } {
  return (
    typeof cell.value === "string" && valueKindOf(cell.field.def).formatDisplay(cell.value, cell.field.def, cell.format) === cell.value
  );
}

/**
 * A list cell: the field kind's own Cell from the UI registry, so lists and cards show values alike.
 * In a searched list, the searched fields mark the word starts that matched.
 */
export function FieldCell(props: FieldCellProps & { highlight?: string }) {
  const { highlight, ...cell } = props;
  if (highlight && cell.field.def["x-searchable"] === true && showsAsStored(cell)) return <Highlight text={cell.value} q={highlight} />;
  const { Cell } = fieldUis[cell.field.kind];
  return <Cell {...cell} />;
}

/**
 * A record's value of one field as lists show it: its expanded relation title, in the list's
 * `format` (from `useListFormat`, once per list: a list page renders hundreds of cells).
 */
export function RecordCell({
  field,
  record,
  format,
  highlight,
}: {
  field: CompiledField;
  record: RecordJson;
  format: FormatOptions;
  highlight?: string;
}) {
  const expanded = (record._expanded ?? {}) as Record<string, RecordRefValue>;
  return (
    <FieldCell
      field={field}
      value={record[field.key]}
      record={record}
      expanded={expanded[field.key] ?? null}
      format={format}
      highlight={highlight}
    />
  );
}
