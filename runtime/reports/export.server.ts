import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { loadExcelJS } from "../dataio/exceljs.server";
import { neutralise, type ExportFile } from "../dataio/export.server";
import type { ReportResult } from "./run.server";

/**
 * A report's table as a file: CSV (UTF-8 with a BOM) or XLSX with its figures as numbers. A report
 * is at most a few thousand rows, so it is written whole; text cells are neutralised like a list's.
 */

function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}_ -]+/gu, "").trim() || "report";
}

const cellText = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "number" ? String(v) : neutralise(String(v)));

export function reportCsv(name: string, result: ReportResult): ExportFile {
  const text = "\uFEFF" + stringify([result.columns.map((c) => c.label), ...result.rows.map((r) => r.map(cellText))]);
  return { filename: `${safeName(name)}.csv`, contentType: "text/csv; charset=utf-8", body: Readable.from([text]) };
}

export async function reportXlsx(name: string, result: ReportResult): Promise<ExportFile> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(safeName(name).slice(0, 31));
  sheet.columns = result.columns.map((c) => ({
    header: c.label,
    key: c.key,
    width: c.role === "measure" ? 16 : 24,
    ...(c.money ? { style: { numFmt: "#,##0.00" } } : {}),
  }));
  for (const row of result.rows) sheet.addRow(row.map((v) => (typeof v === "number" ? v : v === null ? null : neutralise(String(v)))));
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    filename: `${safeName(name)}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: Readable.from([bytes]),
  };
}
