import type { RecordJson } from "@runtime/records/rows";

export type MoveResult = { ok: true; record: RecordJson } | { ok: false; conflict: boolean; message: string; current?: RecordJson };

async function errorText(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
  return typeof body?.error === "string" ? body.error : `The server answered ${response.status}.`;
}

/**
 * Saves a card's new column: a PATCH with the version the board showed as If-Match, so a card
 * someone else changed meanwhile is a conflict, never a silent overwrite. On a conflict the
 * record is read again, so the card shows what is saved now.
 */
export async function moveCard(tableKey: string, card: RecordJson, field: string, value: string | number | null): Promise<MoveResult> {
  const url = `/api/t/${encodeURIComponent(tableKey)}/${card.id}`;
  const response = await fetch(url, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", Accept: "application/json", "If-Match": `"${String(card.version)}"` },
    body: JSON.stringify({ [field]: value }),
  });
  if (response.ok) return { ok: true, record: (await response.json()) as RecordJson };
  const message = await errorText(response);
  if (response.status !== 409) return { ok: false, conflict: false, message };
  const fresh = await fetch(url, { headers: { Accept: "application/json" } });
  return { ok: false, conflict: true, message, current: fresh.ok ? ((await fresh.json()) as RecordJson) : undefined };
}
