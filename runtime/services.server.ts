import type { Knex } from "knex";
import { createAutomation, type Automation } from "./automation/automation.server";
import { createConfigBundleService, type ConfigBundleService } from "./config-bundle/bundle.server";
import { fileCleanup } from "./files/cleanup.server";
import { createFileStore, type FileStore } from "./files/files.server";
import { createPublicFormsService, type PublicFormsService } from "./forms/public-forms.server";
import { createImports, type ImportDeps, type Imports } from "./dataio/import.server";
import { createHomeService, type HomeService } from "./home/home.server";
import type { HomePanel } from "./home/panels";
import { createJobFiles } from "./jobs/job-files.server";
import { createJobQueue, type JobQueue, type JobQueueOptions } from "./jobs/queue.server";
import type { JobHandlers } from "./jobs/types";
import { createMailService, type MailService, type MailServiceOptions } from "./mail/mail.server";
import { createMailings, type MailingsService } from "./mail/mailings.server";
import { createLayoutsService, type LayoutsService } from "./layouts/layouts.server";
import type { ApplyHooks } from "./migrations/apply.server";
import { createDocxService, type DocxService } from "./print/docx.server";
import { createPrintJobs, type PrintJobs } from "./print/print-jobs.server";
import { createPrintService, type PrintService } from "./print/print.server";
import { printSnapshots } from "./print/snapshots.server";
import type { PrintTemplate } from "./print/template";
import { createTemplatesService, type TemplatesService } from "./print/templates.server";
import { createDashboardsService, type DashboardsService } from "./reports/dashboards.server";
import { createReportsService, type ReportsService } from "./reports/reports.server";
import { createRecordsService, type RecordsService } from "./records/service.server";
import { compileSchema } from "./schema/compile";
import { createViewsService, type ViewsService } from "./views/views.server";
import { createWorkspaceService, type WorkspaceService } from "./workspace/workspace.server";

/** Every service of a runtime, each built once, here. */
export interface RuntimeServices {
  workspace: WorkspaceService;
  records: RecordsService;
  templates: TemplatesService;
  layouts: LayoutsService;
  views: ViewsService;
  files: FileStore;
  /** Chromium starts at the first print, not here. */
  print: PrintService;
  /** Word templates filled per record (docs/decisions/025-word-templates.md). */
  docx: DocxService;
  /** The durable job queue in the database (docs/decisions/013-one-job-queue.md). */
  queue: JobQueue;
  /** Batch print jobs on the queue (docs/decisions/015-print-jobs-on-the-queue.md). */
  printJobs: PrintJobs;
  /** Every background job type this runtime runs, by type: what the workers and `queue.runUntilIdle` take. */
  jobHandlers: JobHandlers;
  /** Removes abandoned uploads hourly where workers run. */
  fileCleanup: ReturnType<typeof fileCleanup>;
  /** Rules, notifications and approvals (docs/decisions/014-rules-as-data.md). */
  automation: Automation;
  bundles: ConfigBundleService;
  /** CSV and XLSX imports on the queue (docs/decisions/018-spreadsheets.md). */
  imports: Imports;
  /** Each person's home page (docs/decisions/022-home-panels-as-configuration.md). */
  home: HomeService;
  /** Reports and their saved definitions (runtime/reports). */
  reports: ReportsService;
  /** Saved reports arranged for a role's home page. */
  dashboards: DashboardsService;
  /** Email from a card, through the queue (docs/decisions/027-outgoing-email.md). */
  mail: MailService;
  /** Card layouts published as web forms at /f/<slug> (docs/decisions/030-public-forms.md). */
  publicForms: PublicFormsService;
  /** Mailings to a list view's records, rate limited, with unsubscribe (docs/decisions/029-mailings.md). */
  mailings: MailingsService;
}

export interface ServiceOptions {
  schemaCheckMs?: number;
  /** The configuration's print templates, added to a database that lacks them. */
  defaultTemplates?: readonly PrintTemplate[];
  /** The configuration's home panels, stored the first time a database lacks them. */
  defaultHomePanels?: readonly HomePanel[];
  maxUploadBytes?: number;
  /** Bytes of uploads no record holds yet that one user may have (default 200 MB). */
  uploadQuotaBytes?: number;
  /** The queue's clock, lease and instance name (tests move the clock). */
  jobs?: JobQueueOptions;
  /** Tests: a crash after an import's batch, and the batch's size (`ImportDeps`). */
  imports?: Pick<ImportDeps, "afterBatch" | "batchRows">;
  /** SMTP timeouts and the environment mail settings are read from (tests). */
  mail?: MailServiceOptions;
}

/** The services over `db`, and the hooks that finish or undo an interrupted migration with them. */
export function createServices(db: Knex, options: ServiceOptions = {}): RuntimeServices & { migrationHooks: ApplyHooks } {
  // Late-bound: the records service needs the workspace, and migrations need the records service.
  let records: RecordsService | null = null;
  const migrationHooks: ApplyHooks = {
    recompute: (q, schema, table) => records!.recomputeTable(q, schema, table),
  };
  let templates: TemplatesService | null = null;
  let automation: Automation | null = null;
  let reports: ReportsService | null = null;
  let docx: DocxService | null = null;
  let mail: MailService | null = null;
  const workspace = createWorkspaceService(db, migrationHooks, {
    schemaCheckMs: options.schemaCheckMs,
    // Print templates, rules and Word templates name fields by key: they follow a renamed key whichever path applied it.
    afterApply: async (before) => {
      const compiled = compileSchema(before);
      await templates!.followRenames(compiled);
      await automation!.rules.followRenames(compiled);
      await reports!.followRenames(compiled);
      await mail!.templates.followRenames(compiled);
      const { notFollowed } = await docx!.followRenames(compiled);
      if (notFollowed.length)
        throw new Error(
          `the Word template(s) ${notFollowed.map((n) => `"${n}"`).join(", ")} could not follow the renamed fields: the print templates page flags their tags; upload a corrected copy`,
        );
    },
  });
  records = createRecordsService(db, workspace);
  docx = createDocxService({ db, records, workspace });
  templates = createTemplatesService(db, workspace, { defaults: options.defaultTemplates });
  const files = createFileStore(db, { maxBytes: options.maxUploadBytes, quotaBytes: options.uploadQuotaBytes });
  const print = createPrintService({ db, records, workspace, templates, files });
  const queue = createJobQueue(db, options.jobs);
  const jobFiles = createJobFiles(db, { now: queue.now });
  const printJobs = createPrintJobs({ print, records, queue, files: jobFiles });
  automation = createAutomation({ db, workspace, records, queue, now: queue.now });
  const snapshots = printSnapshots({ print, queue });
  records.addHooks(snapshots.hooks);
  const cleanup = fileCleanup(files, queue);
  const imports = createImports({ db, records, workspace, queue, files: jobFiles, ...options.imports });
  mail = createMailService({ db, records, workspace, print, queue }, options.mail);
  const views = createViewsService(db);
  const mailings = createMailings({ db, records, workspace, views, queue, mail }, { env: options.mail?.env });
  // The one place job types meet their handlers: a service with background work adds its own here.
  const jobHandlers: JobHandlers = {
    ...printJobs.handlers,
    ...automation.handlers,
    ...cleanup.handlers,
    ...snapshots.handlers,
    ...imports.handlers,
    ...mail.handlers,
    ...mailings.handlers,
  };
  reports = createReportsService({ db, workspace });
  const home = createHomeService({ db, workspace, records, automation, queue, defaults: options.defaultHomePanels });
  const layouts = createLayoutsService(db, workspace);
  return {
    workspace,
    records,
    templates,
    layouts,
    views,
    files,
    print,
    docx,
    queue,
    printJobs,
    jobHandlers,
    automation,
    fileCleanup: cleanup,
    imports,
    bundles: createConfigBundleService({ db, workspace, templates, rules: automation.rules, home, docx }),
    home,
    reports,
    dashboards: createDashboardsService(db, reports),
    mail,
    publicForms: createPublicFormsService({ db, workspace, records, layouts }),
    mailings,
    migrationHooks,
  };
}
