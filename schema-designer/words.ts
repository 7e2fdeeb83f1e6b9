import { fieldKinds } from "@runtime/fields/registry";
import { englishWords, type Words } from "@runtime/i18n/words";
import type { FieldKind } from "@runtime/schema/types";
import { KIND_NAMES_ENGLISH } from "@runtime/fields/kind-names";

/**
 * What the schema designer's operations say (edits, impacts, the review, refusals), in English;
 * a screen passes its `t` to say the same in its reader's language (`locales/*.json`).
 */
export const SCHEMA_DESIGNER_ENGLISH: Readonly<Record<string, string>> = {
  ...KIND_NAMES_ENGLISH,
  "schemaDesigner.quote": "“{{text}}”",
  "schemaDesigner.edit.addTable": "Add table {{table}} ({{key}})",
  "schemaDesigner.edit.renameTable": "Rename table {{table}}",
  "schemaDesigner.edit.renameTableTo": "Rename table {{table}} to {{title}}",
  "schemaDesigner.edit.renameTablePlural": "Rename table {{table}} / {{plural}}",
  "schemaDesigner.edit.renameTableToBoth": "Rename table {{table}} to {{title}} / {{plural}}",
  "schemaDesigner.edit.removeTable": "Remove table {{table}} (its records go to the trash)",
  "schemaDesigner.edit.reorderTables": "Change the order of the tables",
  "schemaDesigner.edit.ungroup": "Take {{table}} out of its navigation group",
  "schemaDesigner.edit.setGroup": "Move {{table}} to the group {{group}}",
  "schemaDesigner.edit.addField": "Add field {{field}} ({{kind}}) to {{table}}",
  "schemaDesigner.edit.renameField": "Rename field {{field}} of {{table}} to {{title}}",
  "schemaDesigner.edit.setHelp": "Change the help text of {{field}} in {{table}}",
  "schemaDesigner.edit.setOptions": "Change the settings of {{field}} in {{table}}",
  "schemaDesigner.edit.moveField": "Move {{field}} to position {{position}} in {{table}}",
  "schemaDesigner.edit.changeKind": "Change {{field}} in {{table}} to {{kind}}",
  "schemaDesigner.edit.makeRequired": "Make {{field}} in {{table}} required",
  "schemaDesigner.edit.makeOptional": "Make {{field}} in {{table}} optional",
  "schemaDesigner.edit.renameKey": "Change the key of {{field}} in {{table}} from {{from}} to {{to}}",
  "schemaDesigner.edit.removeField": "Remove field {{field}} from {{table}} (its values go to the trash)",
  "schemaDesigner.edit.addIndex": "Create an index on {{table}} over {{fields}}",
  "schemaDesigner.edit.removeIndex": "Drop the index {{index}} of {{table}}",
  "schemaDesigner.edit.translateField": "Translate {{field}} of {{table}} into {{language}}",
  "schemaDesigner.edit.translateTable": "Translate {{table}} into {{language}}",
  "schemaDesigner.impact.layouts_one": "{{count}} layout",
  "schemaDesigner.impact.layouts_other": "{{count}} layouts",
  "schemaDesigner.impact.views_one": "{{count}} saved view",
  "schemaDesigner.impact.views_other": "{{count}} saved views",
  "schemaDesigner.impact.template": "the {{name}} template",
  "schemaDesigner.impact.templateNamed": "the {{name}}",
  "schemaDesigner.impact.templates": "{{n}} templates ({{names}})",
  "schemaDesigner.impact.formulas_one": "{{count}} formula ({{names}})",
  "schemaDesigner.impact.formulas_other": "{{count}} formulas ({{names}})",
  "schemaDesigner.impact.used": "used in {{parts}}",
  "schemaDesigner.impact.unused": "not used in any layout, saved view, template or formula",
  "schemaDesigner.impact.renameFieldKey": "The key change of {{field}} ({{table}}): {{impact}}.",
  "schemaDesigner.impact.changeFieldKind": "The kind change of {{field}} ({{table}}): {{impact}}.",
  "schemaDesigner.impact.removeField": "Removing {{field}} ({{table}}): {{impact}}.",
  "schemaDesigner.impact.followKey": "They follow the new key.",
  "schemaDesigner.review.nothing": "Nothing changes in the database: the draft only changes labels or order, or nothing at all.",
  "schemaDesigner.review.empty": "(empty)",
  "schemaDesigner.review.step": "{{step}}.",
  "schemaDesigner.review.example": "record #{{id}} {{value}}: {{error}}",
  "schemaDesigner.review.exampleQuoted": "record #{{id}} {{error}}",
  "schemaDesigner.review.notConverted_one":
    "{{count}} record of {{table}} would not convert in {{field}} ({{examples}}). Fix or clear that value first, or keep the current kind.",
  "schemaDesigner.review.notConverted_other":
    "{{count}} records of {{table}} would not convert in {{field}} ({{examples}}). Fix or clear those values first, or keep the current kind.",
  "schemaDesigner.review.times": "{{values}} ({{n}} times)",
  "schemaDesigner.review.notUnique":
    "{{where}} cannot be made unique: {{values}} occur more than once. Change or clear the duplicates first.",
  "schemaDesigner.review.fieldProblem": "Field {{field}} of {{table}}: {{message}}",
  "schemaDesigner.review.fieldSettingProblem": "Field {{field}} of {{table}} (setting {{setting}}): {{message}}",
  "schemaDesigner.review.tableProblem": "Table {{table}}: {{message}}",
  "schemaDesigner.review.tablePartProblem": "Table {{table}} ({{part}}): {{message}}",
  "schemaDesigner.errors.badKey_table":
    'table key "{{key}}" is not valid: use lowercase letters, digits and underscores, starting with a letter, at most 63 characters',
  "schemaDesigner.errors.badKey_field":
    'field key "{{key}}" is not valid: use lowercase letters, digits and underscores, starting with a letter, at most 63 characters',
  "schemaDesigner.errors.systemColumn_table": '"{{key}}" is a system column every record already has; pick another table key',
  "schemaDesigner.errors.systemColumn_field": '"{{key}}" is a system column every record already has; pick another field key',
  "schemaDesigner.errors.reservedPrefix_table":
    '"{{key}}" starts with "{{prefix}}", which is reserved for Tessera\'s own tables and columns; pick another table key',
  "schemaDesigner.errors.reservedPrefix_field":
    '"{{key}}" starts with "{{prefix}}", which is reserved for Tessera\'s own tables and columns; pick another field key',
  "schemaDesigner.errors.sqlWord_table": '"{{key}}" is a reserved word in SQL (MySQL, MariaDB or SQLite); pick another table key',
  "schemaDesigner.errors.sqlWord_field": '"{{key}}" is a reserved word in SQL (MySQL, MariaDB or SQLite); pick another field key',
  "schemaDesigner.errors.usersTable": '"{{key}}" is the built-in users table; pick another table key',
  "schemaDesigner.errors.tableExists": 'a table "{{clash}}" already exists; pick another table key',
  "schemaDesigner.errors.fieldExists": 'table "{{table}}" already has a field "{{clash}}"; pick another field key',
  "schemaDesigner.errors.groupName": "name the new group, e.g. Support",
  "schemaDesigner.errors.tableLinked":
    'table "{{table}}" cannot be removed while other tables link to it ({{links}}); remove or retarget those fields first',
  "schemaDesigner.errors.tableRead_one":
    'table "{{table}}" cannot be removed while {{formulas}} reads its records; change or remove those first',
  "schemaDesigner.errors.tableRead_other":
    'table "{{table}}" cannot be removed while {{formulas}} read its records; change or remove those first',
  "schemaDesigner.errors.fieldUsed":
    'field "{{field}}" cannot be removed while it is used by: {{uses}}; change those first, or remove with cascade to drop them too',
  "schemaDesigner.uses.formula": "formula {{field}}",
  "schemaDesigner.uses.index": "index {{index}} ({{fields}})",
  "schemaDesigner.uses.owner": "the owner field of {{table}}",
  "schemaDesigner.uses.about": 'the "about" link of {{table}}',
  "schemaDesigner.uses.currency": "the currency of {{field}}",
  "schemaDesigner.uses.numberingYear": "the numbering year of {{field}}",
  "schemaDesigner.uses.numberingCondition": "the numbering condition of {{field}}",
  "schemaDesigner.uses.fill": "what picking in {{field}} fills in",
  "schemaDesigner.uses.lock": "the record lock of {{table}}",
  "schemaDesigner.uses.assertion": 'the rule of {{table}} "{{message}}"',
  "schemaDesigner.uses.sameAs": "the same-as check of {{field}}",
  "schemaDesigner.uses.atMost": "the at-most limit of {{field}}",
  "schemaDesigner.uses.conversion": "the conversion of {{field}}",
};

export const english: Words = englishWords(SCHEMA_DESIGNER_ENGLISH);

/** A field kind's name in the reader's language (the registry's English when nobody translates). */
export const kindName = (kind: FieldKind | string, t: Words = english): string =>
  Object.hasOwn(fieldKinds, kind) ? t(`fieldKinds.${kind}`) : kind;

/** A label between the language's quotation marks: “Clients”, ”Kunder”, «Հաճախորդներ». */
export const quoted = (text: string, t: Words = english): string => t("schemaDesigner.quote", { text });
