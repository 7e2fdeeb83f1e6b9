import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@runtime/auth/actors.server";
import { saveRole } from "@runtime/auth/roles.server";
import { addUser } from "@runtime/auth/users.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { CompiledTable } from "@runtime/schema/compile";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { calendarFields, loadCalendar } from "@runtime/views/calendar-page.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";

function meetingsWorkspace(): WorkspaceSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      meetings: {
        type: "object",
        "x-id": "t_meet",
        title: "Meeting",
        "x-plural": "Meetings",
        "x-title-field": "title",
        "x-owner-field": "owner",
        properties: {
          title: { type: "string", "x-id": "f_m_title", "x-kind": "text", title: "Title", maxLength: 200, "x-searchable": true },
          starts: { type: "string", "x-id": "f_m_starts", "x-kind": "datetime", title: "Starts", "x-indexed": true },
          day: { type: "string", "x-id": "f_m_day", "x-kind": "date", title: "Day" },
          secret: { type: "string", "x-id": "f_m_secret", "x-kind": "date", title: "Secret date" },
          owner: { type: "integer", "x-id": "f_m_owner", "x-kind": "relation", title: "Owner", "x-target": "crm_users" },
        },
        required: ["title"],
      },
    },
  } as WorkspaceSchema;
}

// The week of Monday 30 November 2026 in Berlin (UTC+1): 29 Nov 23:00Z to 6 Dec 23:00Z.
const WEEK = { date: "starts", span: "week" as const, at: "2026-12-02" };
const ALL = { filter: undefined, q: undefined };

describe.each(testDatabases)("a calendar's range on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let table: CompiledTable;
  let viewer: Actor; // own records only, may not update, the secret date hidden

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({
      databaseUrl: database.url,
      seed: { configuration: { schema: meetingsWorkspace(), layouts: [], views: [], templates: [], roleRights: {} } },
    });
    await saveRole(rt.db, {
      key: "viewer",
      name: "Viewer",
      tables: {
        t_meet: { read: true, create: false, update: false, delete: false, print: false, scope: "own", fields: { f_m_secret: "hidden" } },
      },
    });
    const user = await addUser(rt.db, { name: "Vic", email: "vic@example.com", role: "viewer" });
    viewer = await actorForUser(rt.db, user);
    const meetings: [string, string, string, number | null][] = [
      ["Just before the week", "2026-11-29T22:59:59.999Z", "2026-11-29", null],
      ["First moment", "2026-11-29T23:00:00.000Z", "2026-11-30", user.id],
      ["Last moment", "2026-12-06T22:59:59.999Z", "2026-12-06", user.id],
      ["Just after the week", "2026-12-06T23:00:00.000Z", "2026-12-07", user.id],
      ["Someone else's", "2026-12-02T09:00:00.000Z", "2026-12-02", null],
    ];
    for (const [title, starts, day, owner] of meetings) await rt.records.create(SYSTEM_ACTOR, "meetings", { title, starts, day, owner });
    table = (await rt.workspace.current()).compiled.tablesByKey.get("meetings")!;
  });
  afterAll(async () => {
    await rt.close();
    await database.drop();
  });

  it("reads date-times from the local midnight of the first day up to the one after the last, to the millisecond", async () => {
    const week = await loadCalendar(rt.records, SYSTEM_ACTOR, table, WEEK, ALL, "Europe/Berlin");
    expect(week!.items.map((i) => [i.title, i.day, i.time])).toEqual([
      ["First moment", "2026-11-30", "00:00"],
      ["Someone else's", "2026-12-02", "10:00"],
      ["Last moment", "2026-12-06", "23:59"],
    ]);
    const utc = await loadCalendar(rt.records, SYSTEM_ACTOR, table, WEEK, ALL, "UTC");
    expect(utc!.items.map((i) => i.title)).toEqual(["Someone else's", "Last moment", "Just after the week"]);
  });

  it("reads dates between the first and the last day, both included", async () => {
    const week = await loadCalendar(rt.records, SYSTEM_ACTOR, table, { ...WEEK, date: "day" }, ALL, "Europe/Berlin");
    expect(week!.items.map((i) => [i.title, i.day, i.time])).toEqual([
      ["First moment", "2026-11-30", null],
      ["Someone else's", "2026-12-02", null],
      ["Last moment", "2026-12-06", null],
    ]);
  });

  it("applies the list's filter and search on top of the range", async () => {
    const searched = await loadCalendar(rt.records, SYSTEM_ACTOR, table, WEEK, { filter: undefined, q: "moment" }, "Europe/Berlin");
    expect(searched!.items.map((i) => i.title)).toEqual(["First moment", "Last moment"]);
    const filtered = await loadCalendar(
      rt.records,
      SYSTEM_ACTOR,
      table,
      WEEK,
      { filter: { field: "title", op: "startsWith", value: "Last" }, q: undefined },
      "Europe/Berlin",
    );
    expect(filtered!.items.map((i) => i.title)).toEqual(["Last moment"]);
  });

  it("shows a role only its own records and the dates it may see, and lets it move nothing", async () => {
    expect(calendarFields(viewer, table).map((f) => f.key)).toEqual(["starts", "day"]);
    const week = await loadCalendar(rt.records, viewer, table, WEEK, ALL, "Europe/Berlin");
    expect(week!.items.map((i) => i.title)).toEqual(["First moment", "Last moment"]);
    expect(week!.movable).toBe(false);
    // Asking for the hidden date falls back to the first one it may see, never filters by it.
    const hidden = await loadCalendar(rt.records, viewer, table, { ...WEEK, date: "secret" }, ALL, "Europe/Berlin");
    expect(hidden!.field.key).toBe("starts");
    expect((await loadCalendar(rt.records, SYSTEM_ACTOR, table, WEEK, ALL, "Europe/Berlin"))!.movable).toBe(true);
  });
});
