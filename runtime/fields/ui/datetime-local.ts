/**
 * `<input type=datetime-local>` speaks wall-clock time without a zone; the API speaks UTC. The
 * zone travels with the form (a hidden input), so the server converts exactly as the browser showed.
 */
import { dateTimeFormat } from "../intl-formats";

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

export function isLocalDateTime(text: string): boolean {
  return LOCAL_PATTERN.test(text);
}

export function isTimeZone(zone: string): boolean {
  if (zone === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The browser's zone; on a server (or a broken Intl) UTC, which the hidden input then says. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

function wallClockIn(ms: number, zone: string): WallClock {
  const parts = dateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
    ms: ((ms % 1000) + 1000) % 1000,
  };
}

function utcOf(w: WallClock): number {
  const d = new Date(Date.UTC(2000, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms));
  d.setUTCFullYear(w.year);
  return d.getTime();
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in winter: +3 600 000). */
function offsetAt(ms: number, zone: string): number {
  return utcOf(wallClockIn(ms, zone)) - ms;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `2026-11-24T10:15:00.000Z` in Europe/Berlin → `2026-11-24T11:15` (seconds only when set). */
export function utcToLocalInput(iso: unknown, zone: string): string {
  if (typeof iso !== "string" || iso === "") return "";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const w = wallClockIn(ms, zone);
  const seconds = w.second || w.ms ? `:${pad(w.second)}${w.ms ? `.${pad(w.ms, 3)}` : ""}` : "";
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}${seconds}`;
}

/**
 * Wall-clock text in a zone → UTC ISO. A time skipped by a daylight-saving jump moves forward by the
 * jump, a repeated one takes its first occurrence, as browsers do.
 */
export function localInputToUtc(text: string, zone: string): string | null {
  const m = LOCAL_PATTERN.exec(text);
  if (!m) return null;
  const wall: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
    ms: Number((m[7] ?? "0").padEnd(3, "0")),
  };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 23 || wall.minute > 59 || wall.second > 59)
    return null;
  const asUtc = utcOf(wall);
  if (wallClockIn(asUtc, "UTC").day !== wall.day) return null; // 31 February
  const DAY = 86_400_000;
  // The offsets a day either side bracket any transition; a wall time matches one, both or neither.
  const candidates = [asUtc - offsetAt(asUtc - DAY, zone), asUtc - offsetAt(asUtc + DAY, zone)];
  const matching = candidates.filter((ms) => sameWallClock(ms, zone, wall));
  const chosen = matching.length > 0 ? Math.min(...matching) : candidates[0];
  return new Date(chosen).toISOString();
}

function sameWallClock(ms: number, zone: string, wall: WallClock): boolean {
  const w = wallClockIn(ms, zone);
  return w.year === wall.year && w.month === wall.month && w.day === wall.day && w.hour === wall.hour && w.minute === wall.minute;
}
