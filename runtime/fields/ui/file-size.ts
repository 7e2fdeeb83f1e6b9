import { numberFormat } from "../intl-formats";

const UNITS = ["KB", "MB", "GB", "TB"];

/** 1536 → "1.5 KB": binary multiples, one decimal below 10 units, as file managers show them. */
export function formatFileSize(bytes: number, locale = "en"): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let size = bytes / 1024;
  let unit = 0;
  while (size >= 1024 && unit < UNITS.length - 1) {
    size /= 1024;
    unit++;
  }
  const digits = size < 10 ? 1 : 0;
  return `${numberFormat(locale, { maximumFractionDigits: digits }).format(size)} ${UNITS[unit]}`;
}
