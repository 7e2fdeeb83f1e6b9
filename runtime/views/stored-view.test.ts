import { describe, expect, it } from "vitest";
import { effectiveState } from "./effective-state";
import { fromStoredState, toStoredState } from "./stored-view";
import { invoicesTable } from "./test-table";
import { languagePack } from "../i18n/catalogs.server";
import { createTranslator } from "../i18n/translator";
import { englishWords, say } from "../i18n/words";
import { defaultColumns } from "./view-columns";
import { sentences, VIEW_ENGLISH } from "./view-words";

const english = englishWords(VIEW_ENGLISH);

const table = invoicesTable();

describe("stored views", () => {
  it("store fields by id and read them back by key", () => {
    const state = {
      columns: ["number", "client"],
      sort: "-due_date,id",
      conditions: [{ field: "status", op: "eq" as const, value: "issued" }],
      mode: "and" as const,
      pageSize: 100,
    };
    const stored = toStoredState(table, state);
    expect(stored).toEqual({
      columns: ["f_inv_no", "f_inv_client"],
      sort: "-f_inv_due,id",
      filter: { and: [{ field: "f_inv_status", op: "eq", value: "issued" }] },
      pageSize: 100,
    });
    expect(fromStoredState(table, stored, "Mine")).toEqual({ state, notices: [] });
  });

  it("follow a rename, since ids do not change", () => {
    const renamed = { ...table, fields: table.fields.map((f) => (f.id === "f_inv_no" ? { ...f, key: "invoice_no" } : f)) };
    expect(fromStoredState(renamed, { columns: ["f_inv_no"] }, "V").state.columns).toEqual(["invoice_no"]);
  });

  it("drop only the parts that name a removed field, and say so", () => {
    const { state, notices } = fromStoredState(
      table,
      {
        columns: ["f_inv_no", "f_gone"],
        sort: "-f_gone",
        filter: {
          or: [
            { field: "f_gone", op: "eq", value: 1 },
            { field: "f_inv_paid", op: "eq", value: true },
          ],
        },
      },
      "Old",
    );
    expect(state).toEqual({ columns: ["number"], conditions: [{ field: "paid", op: "eq", value: true }], mode: "or" });
    expect(notices).toHaveLength(3);
    expect(say(notices[0], english)).toBe('The view "Old" showed a column for a field that was removed; it was left out.');
    // One sentence after another, in the reader's language.
    const sv = createTranslator(languagePack("sv")).t;
    expect(say(sentences(notices), sv)).toMatch(
      /^Vyn ”Old” visade en kolumn för ett fält som har tagits bort; den utelämnades\. Vyn ”Old” /,
    );
    expect(say(sentences(notices), createTranslator(languagePack("zh")).t)).not.toMatch(/。 /);
  });

  it("survive a state that is not an object", () => {
    expect(fromStoredState(table, "garbage", "X").notices).toHaveLength(1);
  });
});

describe("effectiveState", () => {
  it("lets the address override the view", () => {
    const { state } = effectiveState(table, { sort: "date", page: 1, cursors: [] }, { sort: "-total", columns: ["number"], pageSize: 25 });
    expect(state).toMatchObject({ sort: "date", columns: ["number"], pageSize: 25, conditions: [], mode: "and" });
  });

  it("leaves out unknown fields, unfit operators, unsortable sorts and unlistable columns", () => {
    const { state, problems } = effectiveState(
      table,
      {
        sort: "-tags,nope",
        columns: ["notes", "number"],
        conditions: [
          { field: "nope", op: "eq", value: 1 },
          { field: "status", op: "contains", value: "x" },
          { field: "total", op: "gt", value: "5" },
        ],
        page: 1,
        cursors: [],
      },
      {},
    );
    expect(state.sort).toBe("");
    expect(state.columns).toEqual(["number"]);
    expect(state.conditions).toEqual([{ field: "total", op: "gt", value: "5" }]);
    expect(problems).toHaveLength(5);
  });

  it("falls back to default columns: title first, no long text", () => {
    const columns = defaultColumns(table);
    expect(columns[0]).toBe("number");
    expect(columns).not.toContain("notes");
    expect(columns.length).toBeLessThanOrEqual(7);
    expect(effectiveState(table, { page: 1, cursors: [] }, {}).state.columns).toEqual(columns);
  });
});
