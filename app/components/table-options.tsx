/** One option per table, named as the reader's language names it: the table pickers of the admin screens. */
export function TableOptions({ tables }: { tables: readonly { key: string; label: string }[] }) {
  return (
    <>
      {tables.map((table) => (
        <option key={table.key} value={table.key}>
          {table.label}
        </option>
      ))}
    </>
  );
}
