import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { passwordProblem } from "../auth/passwords.server";
import { peopleRefusalOf } from "../auth/people-words";
import type { RoleDefinition, TableRights } from "../auth/roles";
import { importRefusal } from "../dataio/import-words";
import { scanSheet } from "../dataio/sheet-stream.server";
import { ApiError } from "../errors";
import { checkRate } from "../exchange/rates.server";
import { refuseHiddenUse, refuseLineWrite, refuseLockedWrites } from "../records/access";
import { applyConversions, type RateLookups } from "../records/conversion.server";
import { addFieldPhrase, fieldPhrases, mergeFieldErrors } from "../records/field-phrases";
import { throwIfErrors } from "../records/input";
import { refuseLockedDelete } from "../records/locks";
import { authorize, requireAdmin, type Actor } from "../records/permissions";
import { recordRefusal, recordWords } from "../records/record-words";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { languagePack } from "./catalogs.server";
import { createTranslator } from "./translator";
import { isPhrase, say, sayError, type Words } from "./words";
import { thrownApiError } from "@tests/helpers/thrown-api-error";

/**
 * The services refuse in English (the API, the CLI and the logs read `message`) and carry the
 * catalog phrase beside it, so a screen says the refusal in its reader's language. Each area's
 * refusal is checked against the real Swedish catalog, with its English unchanged.
 */
const sv: Words = createTranslator(languagePack("sv")).t;
const zh: Words = createTranslator(languagePack("zh")).t;

const schema = JSON.parse(fs.readFileSync(path.join(process.cwd(), "seeds", "schema.json"), "utf8")) as WorkspaceSchema;
const compiled = compileSchema(schema, 1);
const table = (key: string) => compiled.tablesByKey.get(key)!;

const all: TableRights = { read: true, create: true, update: true, delete: true, print: true, scope: "all" };
const readOnly: TableRights = { ...all, create: false, update: false, delete: false };
const clerk: Actor = {
  id: 7,
  name: "Clerk",
  role: "clerk",
  rights: {
    key: "clerk",
    name: "Clerk",
    builtin: false,
    admin: false,
    tables: {
      "*": readOnly,
      [table("invoice_items").id]: { ...all, fields: { [table("invoice_items").fieldsByKey.get("price")!.id]: "hidden" } },
    },
  } satisfies RoleDefinition,
};
const accountant: Actor = { ...clerk, role: "accountant", rights: { ...clerk.rights, key: "accountant", name: "Accountant" } };

describe("permission refusals", () => {
  it("name the role, the verb and the table in the reader's words", () => {
    const error = thrownApiError(() => authorize(clerk, "create", table("clients")));
    expect(error.status).toBe(403);
    expect(error.message).toBe("Your role (Clerk) may not create Clients. Ask an administrator if you need to.");
    expect(sayError(error, sv)).toBe("Din roll (Clerk) får inte skapa Clients. Be en administratör om du behöver det.");
  });

  it("say a built-in role under its shipped name in the reader's language", () => {
    const error = thrownApiError(() => authorize(accountant, "delete", table("clients")));
    expect(error.message).toMatch(/^Your role \(Accountant\) may not delete Clients\./);
    expect(sayError(error, sv)).toMatch(/^Din roll \(Ekonom\) får inte ta bort Clients\./);
  });

  it("say what only administrators may do", () => {
    const error = thrownApiError(() => requireAdmin(clerk, "restoreFromTrash"));
    expect(error.message).toBe("Only administrators may restore from the trash.");
    expect(sayError(error, sv)).toBe("Endast administratörer får återställa från papperskorgen.");
    expect(sayError(error, zh)).toBe("只有管理员可以从回收站恢复。");
  });

  it("count the hidden fields a filter used, and name a line's refusal by its list and number", () => {
    const items = table("invoice_items");
    const hidden = thrownApiError(() => refuseHiddenUse(clerk, compiled, items, null, [{ column: "price" }], []));
    expect(hidden.message).toBe('You may not filter, sort or expand by "price": your role cannot see that field.');
    expect(sayError(hidden, sv)).toBe('Du får inte filtrera, sortera eller expandera efter "price": din roll kan inte se det fältet.');

    const line = thrownApiError(() => refuseLineWrite(clerk, items, { list: "items", index: 1 }, { price: 10 }, null));
    expect(line.message).toMatch(/^Line 2 of items: Your role may not change “.+” of .+; nothing was saved\.$/);
    expect(sayError(line, sv)).toMatch(/^Rad 2 i items: Din roll får inte ändra “.+” i .+; inget sparades\.$/);
    expect(line.details).toEqual({ fields: ["items.1.price"] });
  });

  it("keep the status and details of a refused write", () => {
    const error = thrownApiError(() => refuseLockedWrites(clerk, table("invoice_items"), { price: 5 }, null));
    expect(error.status).toBe(403);
    expect(error.details).toEqual({ fields: ["price"] });
  });
});

describe("records refusals", () => {
  it("a version conflict says both versions in the reader's words and keeps its details", () => {
    const error = recordRefusal(409, "stale", { label: "Client", id: 4, edited: 2, current: 3 }, { current: { id: 4 } });
    expect(error.message).toBe(
      "Client #4 was changed by someone else after you opened it (you edited version 2, it is now version 3). Your changes were not saved: reload to see theirs, then apply yours again.",
    );
    expect(sayError(error, sv)).toMatch(/^Client #4 ändrades av någon annan .*version 2, nu är den version 3\)/);
    expect(error.details).toEqual({ current: { id: 4 } });
  });

  it("a value already taken is a field problem with its phrase beside the English", () => {
    const errors: Record<string, string> = {};
    addFieldPhrase(errors, "number", recordWords, {
      key: "refusals.records.unique",
      values: { label: "Number", table: "Invoice", id: 3, value: '"INV-1"' },
    });
    const error = thrownApiError(() => throwIfErrors(table("invoices"), errors));
    expect(error.status).toBe(422);
    expect(error.message).toBe("Invoice was not saved: one field needs attention");
    expect(error.details).toEqual({ fields: { number: 'Number must be unique: Invoice #3 already has "INV-1"' } });
    expect(sayError(error, sv)).toBe("Invoice sparades inte: ett fält behöver åtgärdas");
    expect(say(error.fieldWords!.number, sv)).toBe('Number måste vara unikt: Invoice #3 har redan "INV-1"');
  });

  it("a field problem's phrase is dropped once another check says something else of that field", () => {
    const errors: Record<string, string> = {};
    addFieldPhrase(errors, "number", recordWords, { key: "refusals.records.uniqueRace" });
    errors.number = "something else";
    expect(fieldPhrases(errors)).toEqual({});
    const merged: Record<string, string> = {};
    const more: Record<string, string> = {};
    addFieldPhrase(more, "code", recordWords, { key: "refusals.records.uniqueRace" });
    mergeFieldErrors(merged, more);
    expect(Object.keys(fieldPhrases(merged))).toEqual(["code"]);
  });

  it("a locked record says why in the reader's words, with its own message as configured", () => {
    const error = thrownApiError(() => refuseLockedDelete(table("invoices"), { id: 1, status: "issued", number: "INV-1" }));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/is locked: it cannot be deleted\. An issued invoice is corrected/);
    expect(sayError(error, sv)).toMatch(/är låst: den kan inte tas bort\. An issued invoice is corrected/);
  });

  it("a trash refusal says itself in the reader's words", () => {
    const error = recordRefusal(409, "refusals.trash.stillUsed", { title: "Acme", uses: "2 invoices" });
    expect(error.message).toBe("Acme is still used by 2 invoices: delete or reassign those first");
    expect(sayError(error, sv)).toBe("Acme används fortfarande av 2 invoices: ta bort eller flytta dem först");
  });
});

describe("money refusals", () => {
  const noRates: RateLookups = { base: async () => "EUR", rate: async () => null };
  const payment = { invoice: 1, date: "2026-12-01", received_amount: 108, received_currency: "USD", currency: "EUR" };

  it("a payment without a rate for its day is a field problem said in the reader's words", async () => {
    const errors = await applyConversions(null as never, table("payments"), { ...payment }, null, noRates);
    const [field, message] = Object.entries(errors)[0];
    expect(message).toMatch(/: no exchange rate for USD on or before 2026-12-01: add one under Admin → Exchange rates$/);
    expect(say(fieldPhrases(errors)[field], sv)).toMatch(
      /: ingen växelkurs för USD på eller före 2026-12-01: lägg till en under Admin → Växelkurser$/,
    );
  });

  it("a rate that is not a number says what one currency is worth in which", () => {
    const checked = checkRate({ day: "2026-12-01", currency: "usd", rate: "many" }, null);
    expect(isPhrase(checked)).toBe(true);
    if (!isPhrase(checked)) return;
    expect(say(checked, sv)).toBe('kursen måste vara ett positivt tal som 1.0834 (vad en USD är värd i basvalutan), inte "many"');
  });
});

describe("import refusals", () => {
  it("a file that is no sheet is refused in the reader's words", async () => {
    const bytes = new Uint8Array([0x00, 0x01, 0x02, 0x03]);
    const error = await scanSheet(async function* () {
      yield bytes;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("the file is neither CSV text nor an XLSX workbook");
    expect(sayError(error, sv)).toBe("filen är varken CSV-text eller en XLSX-arbetsbok");
  });

  it("a refusal with numbers keeps them", () => {
    expect(sayError(importRefusal(413, "tooLarge", { mb: 512 }), sv)).toBe("filen är större än 512 MB");
  });
});

describe("users and passwords refusals", () => {
  it("a password too short says the least length in the reader's words", () => {
    const error = peopleRefusalOf(422, passwordProblem("short")!);
    expect(error.status).toBe(422);
    expect(error.message).toBe("the password must have at least 10 characters");
    expect(sayError(error, sv)).toBe("lösenordet måste ha minst 10 tecken");
  });
});
