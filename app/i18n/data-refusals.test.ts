import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@tests/helpers/databases";
import { createSeededRuntime } from "@tests/helpers/default-configuration";
import { rejectedApiError as refusal, thrownApiError } from "@tests/helpers/thrown-api-error";
import { exportCsv } from "@runtime/dataio/export.server";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { createTranslator } from "@runtime/i18n/translator";
import { answeredError, say, sayError, type Words } from "@runtime/i18n/words";
import { parseFilter } from "@runtime/records/filter";
import { parseId, parseVersion } from "@runtime/records/params";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { restoreTrashEntry } from "@runtime/workspace/trash-overview.server";
import type { Runtime } from "@runtime/runtime.server";
import type { SchemaProblem } from "@runtime/schema/types";
import { apiErrorResponse } from "../utils/api.server";

/**
 * The refusals of filters and queries, reports and dashboards, the schema service, the trash and
 * imports keep their English message and carry a catalog phrase, which a screen (or the HTTP
 * answer to a browser session) says in its reader's language: Swedish here.
 */
const sv: Words = createTranslator(languagePack("sv")).t;
let database: TestDatabase;
let rt: Runtime;

beforeAll(async () => {
  database = await createSqliteTestDatabase();
  rt = await createSeededRuntime(database.url);
});
afterAll(async () => {
  await rt?.close();
  await database?.drop();
});

describe("filter and query refusals", () => {
  it("say a refused operator and a bad id in Swedish, with the English unchanged", async () => {
    const { compiled } = await rt.workspace.current();
    const invoices = compiled.tablesByKey.get("invoices")!;
    const op = thrownApiError(() => parseFilter(invoices, { field: "number", op: "near", value: "1" }));
    expect(op.message).toMatch(/^unknown filter operator "near": use one of eq, /);
    expect(sayError(op, sv)).toMatch(/^okänd filteroperator "near": använd en av eq, /);
    const id = thrownApiError(() => parseId("abc"));
    expect(id.message).toBe('"abc" is not a record id: ids are positive whole numbers');
    expect(sayError(id, sv)).toBe('"abc" är inget post-id: id är positiva heltal');
    expect(thrownApiError(() => parseVersion(undefined)).status).toBe(428);
  });

  it("say a value the field kind refused in the kind's own Swedish words", async () => {
    const error = await refusal(rt.records.list(SYSTEM_ACTOR, "invoices", { filter: { field: "due_date", op: "lt", value: "soon" } }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^filter on "due_date": /);
    expect(error.phrase?.values?.problem).toMatchObject({ key: expect.stringMatching(/^kindValues\./) });
    const swedish = sayError(error, sv);
    expect(swedish).toMatch(/^filter på "due_date": /);
    expect(swedish.slice("filter på ".length)).not.toBe(error.message.slice("filter on ".length));
  });
});

describe("report and dashboard refusals", () => {
  it("say a report on no table and a nameless dashboard in Swedish", async () => {
    const report = await refusal(rt.reports.run(SYSTEM_ACTOR, { table: "nope", measures: [{ op: "count" }] }));
    expect(report.message).toBe('table must name a table of the workspace, not "nope"');
    expect(sayError(report, sv)).toBe('table måste ange en tabell i arbetsytan, inte "nope"');
    const dashboard = await refusal(rt.dashboards.create(SYSTEM_ACTOR, { name: "", roles: [], widgets: [] }));
    expect(dashboard.message).toBe("name: give the dashboard a name of 1 to 120 characters");
    expect(sayError(dashboard, sv)).toBe("namn: ge instrumentpanelen ett namn på 1 till 120 tecken");
  });
});

describe("schema service and trash refusals", () => {
  it("give a browser session the phrase of a stale change, and a token the English alone", async () => {
    const { version, schema } = await rt.workspace.current();
    const stale = await refusal(rt.workspace.apply({ baseVersion: version - 1, schema }));
    expect(stale.status).toBe(409);
    expect(stale.message).toMatch(/^The schema changed since you started: /);
    const session = new Request("http://test/api/schema", { method: "PUT", headers: { Cookie: "session=x" } });
    const body = (await apiErrorResponse(stale, session).json()) as Record<string, unknown>;
    expect(answeredError(body, sv, "")).toMatch(/^Schemat har ändrats sedan du började: din ändring utgår från version \d+/);
    const token = new Request("http://test/api/schema", { method: "PUT", headers: { Authorization: "Bearer t" } });
    const answered = (await apiErrorResponse(stale, token).json()) as Record<string, unknown>;
    expect(answered).toEqual({ error: stale.message, details: { currentVersion: version } });
  });

  it("give a browser session each schema problem's phrase, and a token the English problems alone", async () => {
    const { version, schema } = await rt.workspace.current();
    const broken = structuredClone(schema);
    const [table] = Object.keys(broken.$defs);
    broken.$defs[table]["x-title-field"] = "no_such_field";
    const refused = await refusal(rt.workspace.apply({ baseVersion: version, schema: broken }));
    expect(refused.status).toBe(422);
    const session = new Request("http://test/api/schema", { method: "PUT", headers: { Cookie: "session=x" } });
    const body = (await apiErrorResponse(refused, session).json()) as { details: { problems: SchemaProblem[] } };
    const [problem] = body.details.problems;
    expect(problem.message).toMatch(/^title field "no_such_field" does not exist in this table \(fields: /);
    expect(say(problem.words!, sv)).toMatch(/^titelfältet "no_such_field" finns inte i tabellen \(fält: /);
    const token = new Request("http://test/api/schema", { method: "PUT", headers: { Authorization: "Bearer t" } });
    const answered = (await apiErrorResponse(refused, token).json()) as { details: { problems: SchemaProblem[] } };
    expect(answered.details.problems).toEqual([{ path: problem.path, message: problem.message }]);
  });

  it("say a trash entry that is gone in Swedish", async () => {
    const gone = await refusal(restoreTrashEntry(rt, SYSTEM_ACTOR, 987654));
    expect(gone.status).toBe(404);
    expect(sayError(gone, sv)).toBe(
      "Papperskorgsposten #987654 finns inte längre i papperskorgen (någon kan redan ha återställt den): ladda om sidan.",
    );
  });
});

describe("import and export refusals", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("say a bad mode and an unseen export column in Swedish", async () => {
    const mode = await refusal(rt.imports.start(SYSTEM_ACTOR, "clients", { file: bytes("Name\nAcme\n"), mode: "sideways" }));
    expect(mode.message).toMatch(/^mode must be one of dry-run, /);
    expect(sayError(mode, sv)).toMatch(/^mode måste vara en av dry-run, /);
    const columns = await refusal(exportCsv(rt, SYSTEM_ACTOR, "clients", { columns: "nope" }));
    expect(sayError(columns, sv)).toBe('columns: "nope" är inget fält i Clients som du får se');
  });

  it("give a dry run's refused cell its phrase, for the import screen to say in Swedish", async () => {
    const { jobId } = await rt.imports.start(SYSTEM_ACTOR, "clients", { file: bytes("Name,Kind\nAcme,weird\n"), mode: "dry-run" });
    await rt.queue.runUntilIdle(rt.jobHandlers);
    const { errors } = await rt.imports.status(SYSTEM_ACTOR, jobId);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^"weird": /);
    expect(errors[0].words).toMatchObject({ key: "refusals.import.cell", values: { text: "weird" } });
    const swedish = say(errors[0].words!, sv);
    expect(swedish).toMatch(/^"weird": /);
    expect(swedish).not.toBe(errors[0].message);
  });
});
