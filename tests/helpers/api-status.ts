import { ApiError } from "@runtime/errors";

/** The HTTP status a service call answers with: 200, or the status of the ApiError it throws. */
export async function apiStatus(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
}
