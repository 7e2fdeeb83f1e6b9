const BASE_MS = 5_000;
const MAX_MS = 60 * 60_000;

/**
 * How long a failed job waits before its next attempt: 5 s, 20 s, 80 s, … capped at an hour,
 * ±20 % so that jobs failing together (a mail server down) do not all come back at one instant.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exact = Math.min(MAX_MS, BASE_MS * 4 ** Math.max(0, attempts - 1));
  return Math.round(exact * (0.8 + 0.4 * random()));
}
