import { useEffect, useState } from "react";
import type { RuleProblem } from "@runtime/automation/types";

/** How long typing pauses before the rule is checked again. */
const PAUSE_MS = 350;

/**
 * The problems of `draft` as the service's validator sees them, asked again a moment after each
 * change (`POST /api/rules/validate`), so they show beside their fields as the admin types.
 */
export function useRuleChecks(draft: unknown): { problems: RuleProblem[]; checking: boolean; setProblems(p: RuleProblem[]): void } {
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [checking, setChecking] = useState(false);
  const body = JSON.stringify(draft);
  useEffect(() => {
    const controller = new AbortController();
    setChecking(true);
    const timer = window.setTimeout(() => {
      fetch("/api/rules/validate", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body,
        signal: controller.signal,
      })
        .then(async (response) => {
          if (!response.ok) return;
          setProblems(((await response.json()) as { problems: RuleProblem[] }).problems);
        })
        .catch(() => {})
        .finally(() => {
          if (!controller.signal.aborted) setChecking(false);
        });
    }, PAUSE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [body]);
  return { problems, checking, setProblems };
}
