import { describe, expect, it } from "vitest";
import type { FieldSchema } from "../schema/types";
import { withFieldRestored } from "./restore-position";

const f = (id: string): FieldSchema => ({ type: "string", "x-id": id, "x-kind": "text" });
const props = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id.replace(/^f_/, ""), f(id)]));
const keys = (p: Record<string, FieldSchema>) => Object.keys(p);

describe("withFieldRestored", () => {
  const when = ["f_name", "f_phone", "f_website", "f_city"];

  it("puts the field back after the field that preceded it", () => {
    expect(keys(withFieldRestored(props("f_name", "f_phone", "f_city", "f_new"), "website", f("f_website"), when))).toEqual([
      "name",
      "phone",
      "website",
      "city",
      "new",
    ]);
  });

  it("follows the neighbour by id after a rename or a move", () => {
    const current = { city: f("f_city"), mobile: f("f_phone"), name: f("f_name") };
    expect(keys(withFieldRestored(current, "website", f("f_website"), when))).toEqual(["city", "mobile", "website", "name"]);
  });

  it("skips neighbours that are gone too, then goes before the next one, else to the end", () => {
    expect(keys(withFieldRestored(props("f_name", "f_city"), "website", f("f_website"), when))).toEqual(["name", "website", "city"]);
    expect(keys(withFieldRestored(props("f_city", "f_zip"), "website", f("f_website"), when))).toEqual(["website", "city", "zip"]);
    expect(keys(withFieldRestored(props("f_zip"), "website", f("f_website"), when))).toEqual(["zip", "website"]);
    expect(keys(withFieldRestored(props("f_name"), "website", f("f_website"), []))).toEqual(["name", "website"]);
  });
});
