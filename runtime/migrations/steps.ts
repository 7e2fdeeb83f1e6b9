import type { ColumnSpec } from "../fields/types";
import type { FieldSchema, TableSchema } from "../schema/types";

/** A column to create, as data. */
export interface ColumnDef {
  name: string;
  spec: ColumnSpec;
}

/**
 * One step of a migration plan. Plain serializable data: it is stored in the journal, replayed
 * after a crash, shown to the admin, and snapshot-tested. Every step is idempotent when applied:
 * `apply` checks the database before acting, so a replay after a crash never applies a step twice.
 */
export type MigrationStep = { destructive: boolean; description: string } & (
  | { op: "create_table"; table: string; tableId: string; columns: ColumnDef[] }
  | { op: "rename_table"; from: string; to: string; tableId: string }
  /** Moves the table into the trash under `trashName`: the rows stay restorable. */
  | { op: "drop_table"; table: string; tableId: string; trashName: string; definition: TableSchema }
  | { op: "add_column"; table: string; column: ColumnDef; fieldId: string }
  | { op: "rename_column"; table: string; from: string; to: string; fieldId: string }
  /** Moves the column out of the way under `trashName`: its values stay restorable. */
  | { op: "drop_column"; table: string; column: string; fieldId: string; trashName: string; definition: FieldSchema; tableId: string }
  /** Fills `to` from `from`, converting every value from one kind to the other. */
  | {
      op: "convert_column";
      table: string;
      /** Where the values are before any step runs: for the dry run. */
      original: { table: string; column: string };
      from: string;
      to: string;
      fieldId: string;
      fromField: FieldSchema;
      toField: FieldSchema;
    }
  | { op: "add_index"; table: string; name: string; columns: string[]; unique: boolean }
  /** `specs`: the columns' types, so an undo can re-create the index (prefix lengths on MySQL). */
  | { op: "drop_index"; table: string; name: string; columns: string[]; unique: boolean; specs?: Record<string, ColumnSpec> }
  /** Brings a trashed column back under `column` (restore from the trash; never planned by `plan`). */
  | { op: "restore_column"; table: string; column: string; fieldId: string; trashName: string }
  /** Brings a trashed table back under `table` (restore from the trash; never planned by `plan`). */
  | { op: "restore_table"; table: string; tableId: string; trashName: string }
  /** A full-text index over `columns` (FTS5 beside the table on SQLite, FULLTEXT on MySQL). */
  | { op: "add_search_index"; table: string; name: string; columns: string[] }
  | { op: "drop_search_index"; table: string; name: string; columns: string[] }
  /** Recomputes stored formula values after a formula changed. */
  | { op: "recompute"; table: string; fields: string[] }
);

export type MigrationOp = MigrationStep["op"];

export interface MigrationPlan {
  fromVersion: number;
  steps: MigrationStep[];
}
