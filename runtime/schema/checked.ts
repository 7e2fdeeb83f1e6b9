import type { ValidateFunction } from "ajv";
import { unprocessable } from "../errors";

export interface AjvProblem {
  /** JSON Pointer into the checked document; "/" for the document itself. */
  path: string;
  message: string;
}

/** The errors of ajv's last failed run, one `{ path, message }` each. */
export function ajvProblems(validate: ValidateFunction): AjvProblem[] {
  return (validate.errors ?? []).map((e) => ({ path: e.instancePath || "/", message: e.message ?? "is invalid" }));
}

/**
 * `raw` typed as what `validate` checks (`ajv.compile<T>(schema)`), so no cast follows a validation;
 * otherwise a 422 naming `what` and the first problem, with every problem in `details.problems`.
 */
export function parseWith<T>(validate: ValidateFunction<T>, raw: unknown, what: string): T {
  if (validate(raw)) return raw;
  const problems = ajvProblems(validate);
  const first = problems[0];
  throw unprocessable(first ? `${what} is not valid: ${first.path} ${first.message}` : `${what} is not valid`, { problems });
}
