import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_ENGLISH } from "@runtime/migrations/plan";
import { KIND_SETTINGS_ENGLISH } from "@runtime/fields/ui/settings-words";
import { INDEX_ADVICE_ENGLISH } from "@runtime/search/index-advisor";
import { SCHEMA_DESIGNER_ENGLISH } from "@schema-designer/words";
import { FORM_DESIGNER_ENGLISH } from "@form-designer/words";
import { LAYOUT_ENGLISH } from "@runtime/layouts/layout-words";
import { PRINT_DESIGNER_ENGLISH } from "@print-designer/words";
import { PRINT_PROBLEMS_ENGLISH } from "@runtime/print/problem-words";
import { RULE_PROBLEMS_ENGLISH } from "@runtime/automation/problem-words";
import { RULE_TEXT_ENGLISH } from "../components/rules/rule-text";
import { PERMISSION_ENGLISH } from "@runtime/records/permission-words";
import { RECORD_ENGLISH } from "@runtime/records/record-words";
import { MONEY_ENGLISH } from "@runtime/exchange/money-words";
import { IMPORT_ENGLISH } from "@runtime/dataio/import-words";
import { SIGN_IN_ENGLISH } from "../services/sign-in-words";
import { PEOPLE_ENGLISH } from "@runtime/auth/people-words";
import { FIELD_FORM_ENGLISH } from "../components/schema-designer/field-form";
import { FORMULA_ENGLISH } from "@runtime/formula/formula-words";
import { KIND_VALUE_ENGLISH } from "@runtime/fields/value-words";
import { DEFINITION_ENGLISH } from "@runtime/fields/definition-words";
import { SCHEMA_PROBLEMS_ENGLISH } from "@runtime/schema/problem-words";
import { EXPORT_PAGE_ENGLISH } from "@runtime/dataio/export-words";
import { ITEM_NAMES_ENGLISH } from "@runtime/i18n/item-names";
import { QUERY_ENGLISH } from "@runtime/records/query-words";
import { REPORT_REFUSALS_ENGLISH } from "@runtime/reports/report-refusals";
import { VIEW_ENGLISH } from "@runtime/views/view-words";
import { WORKSPACE_ENGLISH } from "@runtime/workspace/workspace-words";
import { PRINT_ENGLISH } from "@runtime/print/print-words";
import { MAIL_ENGLISH } from "@runtime/mail/mail-words";
import { AUTOMATION_ENGLISH } from "@runtime/automation/automation-words";
import { FORM_ENGLISH } from "@runtime/forms/form-words";
import { FILE_ENGLISH } from "@runtime/files/file-words";
import { BUNDLE_ENGLISH } from "@runtime/config-bundle/bundle-words";
import { CARD_ENGLISH } from "../services/card-words";

/**
 * Code outside React speaks English from its own tables when nobody passes it a translator; those
 * messages must be the catalog's English word for word, or a screen in English and the CLI would
 * say different things.
 */
const TABLES: Record<string, Readonly<Record<string, string>>> = {
  "schema designer operations": SCHEMA_DESIGNER_ENGLISH,
  "migration plan": PLAN_ENGLISH,
  "field kinds' settings": KIND_SETTINGS_ENGLISH,
  "schema designer field form": FIELD_FORM_ENGLISH,
  "index advice": INDEX_ADVICE_ENGLISH,
  "form designer operations": FORM_DESIGNER_ENGLISH,
  "layouts service": LAYOUT_ENGLISH,
  "print designer": PRINT_DESIGNER_ENGLISH,
  "print template problems": PRINT_PROBLEMS_ENGLISH,
  "rule checker": RULE_PROBLEMS_ENGLISH,
  "rules in words": RULE_TEXT_ENGLISH,
  "permission refusals": PERMISSION_ENGLISH,
  "records service refusals": RECORD_ENGLISH,
  "exchange rates and payments": MONEY_ENGLISH,
  "import refusals": IMPORT_ENGLISH,
  "sign-in refusals": SIGN_IN_ENGLISH,
  "users, roles, passwords and tokens": PEOPLE_ENGLISH,
  "formula checker": FORMULA_ENGLISH,
  "field kinds' values": KIND_VALUE_ENGLISH,
  "field kinds' definition problems": DEFINITION_ENGLISH,
  "workspace schema problems": SCHEMA_PROBLEMS_ENGLISH,
  "printable list": EXPORT_PAGE_ENGLISH,
  "names in other languages": ITEM_NAMES_ENGLISH,
  "filter and query refusals": QUERY_ENGLISH,
  "report and dashboard refusals": REPORT_REFUSALS_ENGLISH,
  "list and saved view refusals": VIEW_ENGLISH,
  "schema service refusals": WORKSPACE_ENGLISH,
  "print refusals": PRINT_ENGLISH,
  "mail refusals": MAIL_ENGLISH,
  "automation refusals": AUTOMATION_ENGLISH,
  "public forms and form designer refusals": FORM_ENGLISH,
  "file refusals": FILE_ENGLISH,
  "configuration bundle refusals": BUNDLE_ENGLISH,
  "timeline and call log refusals": CARD_ENGLISH,
};

const english = JSON.parse(fs.readFileSync(path.join(process.cwd(), "locales", "en.json"), "utf8")) as Record<string, unknown>;
const lookup = (key: string): unknown => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], english);

describe("the English words of code outside React", () => {
  for (const [name, table] of Object.entries(TABLES))
    it(`${name} say what locales/en.json says`, () => {
      const differ = Object.entries(table)
        .filter(([key, text]) => lookup(key) !== text)
        .map(([key, text]) => `${key}: ${JSON.stringify(text)} ≠ ${JSON.stringify(lookup(key))}`);
      expect(differ).toEqual([]);
    });
});
