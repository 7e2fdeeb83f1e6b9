import type { RuleDefinition, RuleRun } from "@runtime/automation/types";
import type { ListField } from "@runtime/views/list-page-data";

/** A field as the rule editor offers it. */
export type EditorField = ListField & {
  /** A rule's create/update may set it (not a formula, not numbered by the engine). */
  writable: boolean;
  /** A date or date-time: a date trigger can count from it. */
  dated: boolean;
  /** Points at a user: assign sets it, notify and approvals can name it. */
  user: boolean;
  /** A relation's target table key (update and closeTasks can follow it). */
  target: string | null;
};

/** A table as the rule editor offers it. */
export interface EditorTable {
  key: string;
  label: string;
  pluralLabel: string;
  fields: EditorField[];
  /** Its lists of lines (`items`), which create's `forEach` can walk. */
  lists: string[];
}

/** What the editor edits: a definition, and once stored its id and version. */
export type RuleDraft = RuleDefinition & { id?: number; version?: number };

export interface RuleEditorData {
  rule: RuleDraft;
  tables: EditorTable[];
  runs: RuleRun[];
  today: string;
}
