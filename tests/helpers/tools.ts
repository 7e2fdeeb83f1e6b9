import { execFileSync } from "node:child_process";

/**
 * Whether a command-line tool the PDF checks read their output with is installed. On a developer's
 * machine a missing one skips those checks with a warning; in CI (`CI` set, as `.ci/run` does) it
 * fails the run, so the checks can never pass by being skipped.
 */
export function hasTool(name: string, install = "Debian: apt-get install poppler-utils"): boolean {
  try {
    execFileSync("which", [name], { stdio: "ignore" });
    return true;
  } catch {
    const message = `${name} is not installed (${install})`;
    if (process.env.CI) throw new Error(`${message}: CI must run the PDF checks; .ci/run installs it`);
    console.warn(`${message}: the checks that read PDFs with it are skipped`);
    return false;
  }
}
