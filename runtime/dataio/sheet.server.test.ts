import iconv from "iconv-lite";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { neutralise } from "./export.server";
import { normaliseHeader } from "./import.server";
import { decodeText, parseSheet } from "./sheet.server";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("reading an uploaded sheet", () => {
  it("decodes UTF-8 with or without a BOM, and Windows-1252", () => {
    expect(decodeText(bytes("\uFEFFCafé"))).toBe("Café");
    expect(decodeText(bytes("Café"))).toBe("Café");
    expect(decodeText(iconv.encode("Café – €5", "win1252"))).toBe("Café – €5");
  });

  it("finds the delimiter and keeps quoted newlines", async () => {
    for (const d of [",", ";", "\t", "|"]) {
      const sheet = await parseSheet(bytes(`Name${d}Notes\nA${d}"one\ntwo"\n\nB${d}x\n`));
      expect(sheet).toEqual({
        headers: ["Name", "Notes"],
        rows: [
          ["A", "one\ntwo"],
          ["B", "x"],
        ],
      });
    }
  });

  it("reads the first worksheet of an XLSX, dates as ISO text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("one");
    sheet.addRow(["Name", "Date", "Amount"]);
    sheet.addRow(["A", new Date("2026-03-01T00:00:00Z"), 12.5]);
    const parsed = await parseSheet(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(parsed).toEqual({ headers: ["Name", "Date", "Amount"], rows: [["A", "2026-03-01", "12.5"]] });
  });

  it("refuses what is not a sheet with a 400", async () => {
    for (const bad of [new Uint8Array(), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9]), new Uint8Array([1, 0, 2]), bytes('A,B\n"open,x\n')]) {
      const error = await parseSheet(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(400);
    }
  });
});

describe("export and mapping helpers", () => {
  it("neutralises a leading formula character", () => {
    expect(["=1+1", "+1", "-1", "@A1", "\t=1", "plain"].map(neutralise)).toEqual(["'=1+1", "'+1", "'-1", "'@A1", "'\t=1", "plain"]);
  });

  it("matches headers ignoring case, accents and spacing", () => {
    expect(normaliseHeader(" Téléphone_Fixe ")).toBe(normaliseHeader("telephone fixe"));
  });
});
