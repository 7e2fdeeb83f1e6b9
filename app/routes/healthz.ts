import { pingDatabase } from "../services/runtime.server";
import { jsonResponse } from "../utils/api.server";

// Load balancers poll this: it must be cheap, never cached, and say nothing about the failure.
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    await pingDatabase();
    return jsonResponse({ ok: true }, 200, headers);
  } catch {
    return jsonResponse({ ok: false, error: "database unreachable" }, 503, headers);
  }
}
