import { BUILTIN_ROLES, type RoleDefinition, type TableAction } from "../auth/roles";
import { type ApiError, wordedApiError } from "../errors";
import { englishWords, type Phrase } from "../i18n/words";

/**
 * What the permission functions say when they refuse, in English (the API, the CLI and the logs);
 * screens say the same phrases in their reader's language (`locales/*.json`, same keys).
 */
export const PERMISSION_ENGLISH = {
  "refusals.permission.table": "Your role ({{role}}) may not {{verb}} {{table}}. Ask an administrator if you need to.",
  "refusals.permission.verbs.read": "see",
  "refusals.permission.verbs.create": "create",
  "refusals.permission.verbs.update": "change",
  "refusals.permission.verbs.delete": "delete",
  "refusals.permission.verbs.print": "print",
  "refusals.permission.admin": "Only administrators may {{task}}.",
  "refusals.permission.adminTasks.addUsers": "add users",
  "refusals.permission.adminTasks.arrangeDashboards": "arrange dashboards",
  "refusals.permission.adminTasks.changePrintTemplates": "change print templates",
  "refusals.permission.adminTasks.changeRoles": "change roles",
  "refusals.permission.adminTasks.changeRules": "change rules",
  "refusals.permission.adminTasks.changeSchema": "change the schema",
  "refusals.permission.adminTasks.changeUsers": "change users",
  "refusals.permission.adminTasks.checkWordTemplates": "check Word templates",
  "refusals.permission.adminTasks.createPrintTemplates": "create print templates",
  "refusals.permission.adminTasks.createRules": "create rules",
  "refusals.permission.adminTasks.deleteDashboards": "delete dashboards",
  "refusals.permission.adminTasks.deleteMessageTemplates": "delete message templates",
  "refusals.permission.adminTasks.deletePrintTemplates": "delete print templates",
  "refusals.permission.adminTasks.deleteRules": "delete rules",
  "refusals.permission.adminTasks.deleteWordTemplates": "delete Word templates",
  "refusals.permission.adminTasks.designPrintTemplates": "design print templates",
  "refusals.permission.adminTasks.downloadSchema": "download the schema",
  "refusals.permission.adminTasks.downloadTypescriptTypes": "download the TypeScript types",
  "refusals.permission.adminTasks.duplicatePrintTemplates": "duplicate print templates",
  "refusals.permission.adminTasks.editMessageTemplates": "edit message templates",
  "refusals.permission.adminTasks.exportConfiguration": "export the configuration",
  "refusals.permission.adminTasks.importAConfiguration": "import a configuration",
  "refusals.permission.adminTasks.importExchangeRates": "import exchange rates",
  "refusals.permission.adminTasks.importRules": "import rules",
  "refusals.permission.adminTasks.importWordTemplates": "import Word templates",
  "refusals.permission.adminTasks.manageExchangeRates": "manage exchange rates",
  "refusals.permission.adminTasks.managePrintTemplates": "manage print templates",
  "refusals.permission.adminTasks.managePublicForms": "manage public forms",
  "refusals.permission.adminTasks.manageRules": "manage rules",
  "refusals.permission.adminTasks.planSchemaChanges": "plan schema changes",
  "refusals.permission.adminTasks.previewPrintTemplates": "preview print templates",
  "refusals.permission.adminTasks.removeRoles": "remove roles",
  "refusals.permission.adminTasks.removeUnsubscribedAddresses": "remove unsubscribed addresses",
  "refusals.permission.adminTasks.renamePrintTemplates": "rename print templates",
  "refusals.permission.adminTasks.resetPasswords": "reset passwords",
  "refusals.permission.adminTasks.restoreFromTrash": "restore from the trash",
  "refusals.permission.adminTasks.retryRuleRuns": "retry rule runs",
  "refusals.permission.adminTasks.seeEveryonesApiTokens": "see everyone's API tokens",
  "refusals.permission.adminTasks.seeIndexAdvice": "see index advice",
  "refusals.permission.adminTasks.seeRoles": "see the roles",
  "refusals.permission.adminTasks.seeRuleRuns": "see rule runs",
  "refusals.permission.adminTasks.seeTrash": "see the trash",
  "refusals.permission.adminTasks.seeUnsubscribedAddresses": "see unsubscribed addresses",
  "refusals.permission.adminTasks.seeUsers": "see the users",
  "refusals.permission.adminTasks.setMailServer": "set the mail server",
  "refusals.permission.adminTasks.setMailingRate": "set the mailing rate",
  "refusals.permission.adminTasks.tryRules": "try rules",
  "refusals.permission.adminTasks.uploadWordTemplates": "upload Word templates",
  "refusals.permission.hiddenUse_one": "You may not filter, sort or expand by {{fields}}: your role cannot see that field.",
  "refusals.permission.hiddenUse_other": "You may not filter, sort or expand by {{fields}}: your role cannot see those fields.",
  "refusals.permission.hiddenRead_one": "You may not read {{fields}}: your role cannot see that field.",
  "refusals.permission.hiddenRead_other": "You may not read {{fields}}: your role cannot see those fields.",
  "refusals.permission.locked": "Your role may not change {{fields}} of {{table}}; nothing was saved.",
  "refusals.permission.owner": "You may only keep {{table}} that are yours: “{{field}}” must be you.",
  "refusals.permission.line": "Line {{n}} of {{list}}: {{message}}",
  "roles.admin": "Administrator",
  "roles.staff": "Staff",
  "roles.accountant": "Accountant",
} as const;
const english = englishWords(PERMISSION_ENGLISH);

/** What only administrators may do, as the refusal names it: `requireAdmin(actor, "seeUsers")`. */
export type AdminTask = keyof typeof PERMISSION_ENGLISH extends infer K
  ? K extends `refusals.permission.adminTasks.${infer T}`
    ? T
    : never
  : never;

export const adminTask = (task: AdminTask): Phrase => ({ key: `refusals.permission.adminTasks.${task}` });
export const verbOf = (action: TableAction): Phrase => ({ key: `refusals.permission.verbs.${action}` });

const SHIPPED_NAMES = new Map(BUILTIN_ROLES.map((r) => [r.key, r.name]));

/** A role as a refusal names it: a built-in role under its shipped name in the reader's words, any other as named. */
export function roleWords(rights: RoleDefinition): Phrase | string {
  return SHIPPED_NAMES.get(rights.key) === rights.name ? { key: `roles.${rights.key}` } : rights.name;
}

/** A refusal (`refusals.permission.<key>`) whose English message is the catalog's. */
export function permissionRefusal(status: ApiError["status"], key: string, values: Record<string, unknown>, details?: unknown): ApiError {
  return wordedApiError(status, english, { key: `refusals.permission.${key}`, values }, details);
}
