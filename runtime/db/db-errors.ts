/** A duplicate key, as either driver reports it. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof StaleSchemaError) return true;
  const e = error as { code?: string; errno?: number; message?: string };
  return (
    e.code === "ER_DUP_ENTRY" ||
    e.errno === 1062 ||
    e.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    /UNIQUE constraint failed/.test(String(e.message))
  );
}

/**
 * A row lacks a column the schema this process trusts has: another instance renamed or removed it
 * a moment ago. `select *` never errs on that; it would answer the field as empty.
 */
export class StaleSchemaError extends Error {
  constructor(table: string, column: string) {
    super(`no such column: ${table}.${column} (the schema changed)`);
    this.name = "StaleSchemaError";
  }
}

/**
 * The query named a column or table the database no longer has: the schema changed under a
 * reader that trusted the version it saw a moment ago (another instance applied a change).
 */
export function isStaleSchemaError(error: unknown): boolean {
  if (error instanceof StaleSchemaError) return true;
  const e = error as { code?: string; errno?: number; message?: string };
  return (
    e.errno === 1054 ||
    e.errno === 1146 ||
    e.code === "ER_BAD_FIELD_ERROR" ||
    e.code === "ER_NO_SUCH_TABLE" ||
    /no such (column|table)/.test(String(e.message))
  );
}
