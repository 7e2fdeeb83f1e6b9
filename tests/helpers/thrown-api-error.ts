import { ApiError } from "@runtime/errors";

/** The ApiError `work` throws; any other error is thrown on, and a call that succeeds fails the test. */
export function thrownApiError(work: () => unknown): ApiError {
  try {
    work();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError, but the call succeeded");
}

/** The ApiError `work` rejects with; any other error is thrown on, and a call that succeeds fails the test. */
export async function rejectedApiError(work: Promise<unknown>): Promise<ApiError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError, but the call succeeded");
}
