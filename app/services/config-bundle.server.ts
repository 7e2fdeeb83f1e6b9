// Routes reach the configuration bundle through here, never runtime/*.server directly (see runtime.server.ts).
import type { BundleReview, ConfigBundleService } from "@runtime/config-bundle/bundle.server";
import { parseBundleText } from "@runtime/config-bundle/validate-bundle";
import type { ReviewWords } from "@runtime/config-bundle/describe-import";
import { say, sayError } from "@runtime/i18n/words";
import type { SchemaProblem } from "@runtime/schema/types";
import { ApiError } from "@runtime/errors";
import type { Actor } from "@runtime/records/permissions";
import { getRuntime } from "./runtime.server";
import { bundleSaid, outcomeSaid } from "@runtime/config-bundle/bundle-words";

export type { BundleReview, ConfigBundleService } from "@runtime/config-bundle/bundle.server";
export { BUNDLE_MAX_BYTES } from "@runtime/config-bundle/bundle-format";
export { downloadName, liveWorkspaceTypes } from "@runtime/config-bundle/schema-files.server";

export async function getConfigBundles(): Promise<ConfigBundleService> {
  return (await getRuntime()).bundles;
}

/** A file the browser saves rather than shows. */
export function downloadResponse(body: string, filename: string, contentType: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export type ImportOutcome =
  | ({ ok: true; stage: "review"; bundleText: string; fileName: string } & BundleReview)
  | { ok: true; stage: "applied"; message: string; version: number }
  | {
      ok: false;
      stage: "failed";
      error: string;
      problems: { path: string; message: string }[];
      bundleText: string | null;
      fileName: string;
    };

function failed(error: unknown, bundleText: string | null, fileName: string, words?: ReviewWords): ImportOutcome {
  if (!(error instanceof ApiError)) throw error;
  const details = (error.sessionDetails ?? error.details ?? {}) as { problems?: SchemaProblem[] };
  // A stale review keeps the file, so "review again" needs no second upload.
  const said = words ? sayError(error, words) : error.message;
  return { ok: false, stage: "failed", error: said, problems: saidProblems(details.problems ?? [], words), bundleText, fileName };
}

/** Each problem in the admin's words when it carries a phrase; the rest (Ajv's) as written. */
function saidProblems(problems: readonly SchemaProblem[], words?: ReviewWords): { path: string; message: string }[] {
  return problems.map(({ path, message, words: phrase }) => ({ path, message: phrase && words ? say(phrase, words) : message }));
}

/** A file that is not a bundle: nothing to keep, so the admin uploads it again once fixed. */
function unreadable(fileName: string, problems: readonly SchemaProblem[], words?: ReviewWords): ImportOutcome {
  return {
    ok: false,
    stage: "failed",
    error: bundleSaid("cannotImport", { file: fileName }, words),
    problems: saidProblems(problems, words),
    bundleText: null,
    fileName,
  };
}

/** Step one of the import screen: read, validate and review an uploaded bundle. */
export async function reviewUpload(actor: Actor, bundleText: string, fileName: string, words?: ReviewWords): Promise<ImportOutcome> {
  const parsed = parseBundleText(bundleText);
  if (!parsed.ok) return unreadable(fileName, parsed.problems, words);
  try {
    return { ok: true, stage: "review", bundleText, fileName, ...(await (await getConfigBundles()).review(actor, parsed.value, words)) };
  } catch (error) {
    return failed(error, null, fileName, words);
  }
}

/** Step two: apply what was reviewed on `baseVersion`. */
export async function applyUpload(
  actor: Actor,
  bundleText: string,
  fileName: string,
  baseVersion: number,
  confirmDestructive: boolean,
  words?: ReviewWords,
): Promise<ImportOutcome> {
  const parsed = parseBundleText(bundleText);
  if (!parsed.ok) return unreadable(fileName, parsed.problems, words);
  try {
    const { version, review } = await (await getConfigBundles()).apply(actor, parsed.value, { baseVersion, confirmDestructive, words });
    const message = review.noChanges
      ? outcomeSaid("nothing", {}, words)
      : outcomeSaid("imported", { file: fileName, summary: review.summary }, words);
    return {
      ok: true,
      stage: "applied",
      message: version !== baseVersion ? outcomeSaid("version", { message, version }, words) : message,
      version,
    };
  } catch (error) {
    return failed(error, bundleText, fileName, words);
  }
}
