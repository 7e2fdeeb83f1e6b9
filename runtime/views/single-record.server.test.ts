import { describe, expect, it } from "vitest";
import { BUILTIN_ROLES } from "../auth/roles";
import type { Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { singleRecordHref } from "./single-record.server";

const schema: WorkspaceSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $defs: {
    company: {
      type: "object",
      "x-id": "t_company",
      "x-single": true,
      properties: { name: { type: "string", "x-id": "f_co_name", "x-kind": "text" } },
    },
    clients: { type: "object", "x-id": "t_cli", properties: { name: { type: "string", "x-id": "f_cli_name", "x-kind": "text" } } },
  },
};
const compiled = compileSchema(schema, 1);
const actor = (role: string): Actor => ({ id: 1, name: role, role, rights: BUILTIN_ROLES.find((r) => r.key === role)! });

function deps(rows: { id: number }[]) {
  const asked: string[] = [];
  const records = {
    list: (_actor: Actor, table: string) => {
      asked.push(table);
      return Promise.resolve({ rows, total: rows.length, totalExact: true, page: 1, pageSize: 1, nextCursor: null });
    },
  } as unknown as RecordsService;
  return { asked, deps: { workspace: { current: () => Promise.resolve({ compiled }) } as never, records } };
}

describe("singleRecordHref", () => {
  it("opens the one record's card of an x-single table", async () => {
    expect(await singleRecordHref(deps([{ id: 4 }]).deps, actor("admin"), "company")).toBe("/t/company/4");
  });

  it("opens a new card while there is none, if the role may create one", async () => {
    expect(await singleRecordHref(deps([]).deps, actor("admin"), "company")).toBe("/t/company/new");
    expect(await singleRecordHref(deps([]).deps, actor("accountant"), "company")).toBeNull();
  });

  it("leaves other tables to their list without asking for records", async () => {
    const { deps: d, asked } = deps([{ id: 1 }]);
    expect(await singleRecordHref(d, actor("admin"), "clients")).toBeNull();
    expect(asked).toEqual([]);
  });
});
