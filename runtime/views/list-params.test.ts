import { describe, expect, it } from "vitest";
import {
  currentCursor,
  listSearch,
  nextPageParams,
  parseListParams,
  previousPageParams,
  withChanges,
  type ListParams,
} from "./list-params";

const parse = (search: string) => parseListParams(new URLSearchParams(search));

describe("parseListParams", () => {
  it("reads every part of a list address", () => {
    const { params, problems } = parse(
      'q=acme&sort=-date&f=[["status","in",["issued"]]]&m=or&cols=number,client&view=3&pageSize=100&page=3&cur=aa.bb',
    );
    expect(problems).toEqual([]);
    expect(params).toEqual({
      q: "acme",
      sort: "-date",
      conditions: [{ field: "status", op: "in", value: ["issued"] }],
      mode: "or",
      columns: ["number", "client"],
      view: 3,
      pageSize: 100,
      page: 3,
      cursors: ["aa", "bb"],
    });
  });

  it("leaves out what it cannot read and says so, instead of failing", () => {
    const { params, problems } = parse("sort=drop table&f={oops&page=-1&pageSize=7&view=x&cur=!!");
    expect(params).toEqual({ page: 1, cursors: [] });
    expect(problems).toHaveLength(5);
    // The filter's problem is a phrase, for the list to say in its reader's language.
    expect(problems).toContainEqual({ key: "refusals.views.filterUnreadable", values: {} });
  });

  it("takes one cols per checkbox, as a form without JavaScript posts them", () => {
    expect(parse("cols=b&cols=a").params.columns).toEqual(["b", "a"]);
  });

  it("reads a calendar's field, span and day, and leaves out a day that does not exist", () => {
    expect(parse("layout=calendar&date=starts_at&span=week&at=2026-12-07").params).toEqual({
      layout: "calendar",
      date: "starts_at",
      span: "week",
      at: "2026-12-07",
      page: 1,
      cursors: [],
    });
    const { params, problems } = parse("layout=calendar&span=year&at=2026-02-30&date=-x");
    expect(params).toEqual({ layout: "calendar", page: 1, cursors: [] });
    expect(problems).toHaveLength(3);
  });

  it("refuses a cursor chain longer than the page allows", () => {
    expect(parse("page=2&cur=a.b").params.cursors).toEqual([]);
  });
});

describe("listSearch", () => {
  it("round-trips through parseListParams", () => {
    const params: ListParams = {
      q: "a b",
      sort: "name",
      conditions: [{ field: "x", op: "isEmpty" }],
      columns: ["a"],
      view: 2,
      layout: "calendar",
      date: "due",
      span: "agenda",
      at: "2027-01-31",
      page: 4,
      cursors: ["c1"],
    };
    expect(parse(listSearch(params).slice(1)).params).toEqual(params);
  });

  it("is empty for the plain list", () => {
    expect(listSearch({ page: 1, cursors: [] })).toBe("");
  });
});

describe("paging by cursor", () => {
  it("keeps the chain so Previous walks back the same way", () => {
    const p1: ListParams = { sort: "-date", page: 1, cursors: [] };
    const p2 = nextPageParams(p1, "c1");
    const p3 = nextPageParams(p2, "c2");
    expect(currentCursor(p3)).toBe("c2");
    expect(previousPageParams(p3)).toEqual(p2);
    expect(previousPageParams(p2)).toEqual(p1);
    expect(currentCursor(p1)).toBeUndefined();
  });

  it("starts again at page 1 when what is listed changes", () => {
    expect(withChanges({ page: 5, cursors: ["a"] }, { sort: "name" })).toEqual({ sort: "name", page: 1, cursors: [] });
  });
});
