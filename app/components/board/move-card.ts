import { answeredError, type Words } from "@runtime/i18n/words";
import type { RecordJson } from "@runtime/records/rows";

export type MoveResult = { ok: true; record: RecordJson } | { ok: false; conflict: boolean; message: string; current?: RecordJson };

async function errorText(response: Response, t?: Words): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
  const fallback = `The server answered ${response.status}.`;
  if (t) return answeredError(body, t, fallback);
  return typeof body?.error === "string" ? body.error : fallback;
}

/**
 * Saves a card's new column: a PATCH with the version the board showed as If-Match, so a card
 * someone else changed meanwhile is a conflict, never a silent overwrite. On a conflict the
 * record is read again, so the card shows what is saved now. With `t`, a refusal is said in the
 * reader's words.
 */
export async function moveCard(
  tableKey: string,
  card: RecordJson,
  field: string,
  value: string | number | null,
  t?: Words,
): Promise<MoveResult> {
  const url = `/api/t/${encodeURIComponent(tableKey)}/${card.id}`;
  const response = await fetch(url, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", Accept: "application/json", "If-Match": `"${String(card.version)}"` },
    body: JSON.stringify({ [field]: value }),
  });
  if (response.ok) return { ok: true, record: (await response.json()) as RecordJson };
  const message = await errorText(response, t);
  if (response.status !== 409) return { ok: false, conflict: false, message };
  const fresh = await fetch(url, { headers: { Accept: "application/json" } });
  return { ok: false, conflict: true, message, current: fresh.ok ? ((await fresh.json()) as RecordJson) : undefined };
}
