import type { Knex } from "knex";
import { createConfigBundleService, type ConfigBundleService } from "./config-bundle/bundle.server";
import { createFileStore, type FileStore } from "./files/files.server";
import { createLayoutsService, type LayoutsService } from "./layouts/layouts.server";
import type { ApplyHooks } from "./migrations/apply.server";
import { createPrintJobs, type PrintJobs } from "./print/print-jobs.server";
import { createPrintService, type PrintService } from "./print/print.server";
import type { PrintTemplate } from "./print/template";
import { createTemplatesService, type TemplatesService } from "./print/templates.server";
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
  /** Batch print jobs, kept in this process's memory (docs/decisions/011-batch-print-jobs.md). */
  printJobs: PrintJobs;
  bundles: ConfigBundleService;
}

export interface ServiceOptions {
  schemaCheckMs?: number;
  /** The configuration's print templates, added to a database that lacks them. */
  defaultTemplates?: readonly PrintTemplate[];
  maxUploadBytes?: number;
}

/** The services over `db`, and the hooks that finish or undo an interrupted migration with them. */
export function createServices(db: Knex, options: ServiceOptions = {}): RuntimeServices & { migrationHooks: ApplyHooks } {
  // Late-bound: the records service needs the workspace, and migrations need the records service.
  let records: RecordsService | null = null;
  const migrationHooks: ApplyHooks = {
    recompute: (q, schema, table) => records!.recomputeTable(q, schema, table),
  };
  let templates: TemplatesService | null = null;
  const workspace = createWorkspaceService(db, migrationHooks, {
    schemaCheckMs: options.schemaCheckMs,
    // Print templates name fields by key: they follow a renamed key whichever path applied it.
    afterApply: async (before) => {
      await templates!.followRenames(compileSchema(before));
    },
  });
  records = createRecordsService(db, workspace);
  templates = createTemplatesService(db, workspace, { defaults: options.defaultTemplates });
  const files = createFileStore(db, { maxBytes: options.maxUploadBytes });
  const print = createPrintService({ db, records, workspace, templates, files });
  return {
    workspace,
    records,
    templates,
    layouts: createLayoutsService(db, workspace),
    views: createViewsService(db),
    files,
    print,
    printJobs: createPrintJobs(print, { records }),
    bundles: createConfigBundleService({ db, workspace, templates }),
    migrationHooks,
  };
}
