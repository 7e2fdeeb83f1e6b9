import iconv from "iconv-lite";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { neutralise } from "./export.server";
import { normaliseHeader } from "./import.server";
import { decodeText, parseSheet } from "./sheet.server";
import { scanSheet, sheetBatches, type ByteSource } from "./sheet-stream.server";

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

  it("reads a sheet the same whatever bytes its chunks end on, a character cut in two included", async () => {
    const text = '\uFEFFNom,Ville\nZoë,Malmö\n"Ærø\nÅ",€ 5 – 😀\n';
    const whole = bytes(text);
    const read = async (source: ByteSource) => {
      const shape = await scanSheet(source);
      const rows: string[][] = [];
      for await (const batch of sheetBatches(source, shape)) rows.push(...batch);
      return { encoding: shape.encoding, headers: shape.headers, rows };
    };
    const expected = {
      encoding: "utf-8",
      headers: ["Nom", "Ville"],
      rows: [
        ["Zoë", "Malmö"],
        ["Ærø\nÅ", "€ 5 – 😀"],
      ],
    };
    expect(
      await read(async function* () {
        yield whole;
      }),
    ).toEqual(expected);
    for (let cut = 1; cut < whole.length; cut++)
      expect(
        await read(async function* () {
          yield whole.subarray(0, cut);
          yield whole.subarray(cut);
        }),
      ).toEqual(expected);
    // Not UTF-8 (a lone Windows-1252 "é"), wherever the chunk ends: read as Windows-1252.
    const latin = iconv.encode("Nom,Ville\nZoé,Malmö\n", "win1252");
    for (let cut = 1; cut < latin.length; cut++)
      expect(
        await read(async function* () {
          yield latin.subarray(0, cut);
          yield latin.subarray(cut);
        }),
      ).toEqual({ encoding: "win1252", headers: ["Nom", "Ville"], rows: [["Zoé", "Malmö"]] });
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
