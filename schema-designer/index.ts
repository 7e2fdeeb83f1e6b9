/** The schema designer's edit operations: pure `(schema, args) → newSchema`, never mutating. */
export { addTable, renameTable, setTableLabels, removeTable, reorderTables, setGroup } from "./table-operations";
export type { NewTable, TableLabels } from "./table-operations";
export { addField, setFieldLabel, setFieldOptions, moveField, changeFieldKind, setRequired } from "./field-operations";
export type { NewField, FieldLabels } from "./field-operations";
export type { FieldOptions } from "./field-definition";
export { renameFieldKey } from "./rename-field-key";
export { removeField, usesOfField } from "./remove-field";
export type { FieldUse } from "./remove-field";
export { impactOfFieldChange, describeImpact } from "./impact";
export type { ImpactInput, FieldImpact } from "./impact";
export { addIndex, removeIndex } from "./index-operations";
export { applyDraftOp, replayDraft, describeDraft, describeDraftOp, parseStoredDraft } from "./draft";
export type { Draft, DraftOp, ReplayResult } from "./draft";
export { describePlan, describeBlockers, locateProblem } from "./review";
export type { PlanStepSummary, ConversionReport, DuplicateReport, ReviewLine, ProblemPlace } from "./review";
export { draftImpacts } from "./draft-impact";
export { newNavigationGroup } from "./navigation-groups";
