import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { valueClassOf } from "@runtime/fields/registry";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { createTranslator } from "@runtime/i18n/translator";
import { listFields } from "@runtime/views/list-page.server";
import { invoicesTable } from "@runtime/views/test-table";
import { describeCondition, operatorLabel } from "./condition-text";

const t = i18next.t.bind(i18next);
const fields = new Map(listFields(invoicesTable()).map((f) => [f.key, f]));

describe("describeCondition", () => {
  it("reads like a sentence, with labels for options, records and booleans", () => {
    expect(describeCondition({ field: "status", op: "in", value: ["draft", "issued"] }, fields.get("status"), {}, t)).toBe(
      "Status is any of draft, issued",
    );
    expect(
      describeCondition({ field: "due_date", op: "between", value: ["2024-05-01", "2024-05-31"] }, fields.get("due_date"), {}, t),
    ).toBe("Due date between 2024-05-01 and 2024-05-31");
    expect(describeCondition({ field: "client", op: "eq", value: 7 }, fields.get("client"), { "client:7": "Acme" }, t)).toBe(
      "Client is Acme",
    );
    expect(describeCondition({ field: "client", op: "eq", value: 8 }, fields.get("client"), {}, t)).toBe("Client is #8");
    expect(describeCondition({ field: "paid", op: "eq", value: false }, fields.get("paid"), {}, t)).toBe("Paid is no");
    expect(describeCondition({ field: "notes", op: "isEmpty" }, fields.get("notes"), {}, t)).toBe("Notes is empty");
  });

  it("names operators by the kind of value", () => {
    expect(operatorLabel("lt", "date", t)).toBe("before");
    expect(operatorLabel("lt", "number", t)).toBe("<");
    expect(valueClassOf(fields.get("total")!.def)).toBe("number");
    expect(valueClassOf(fields.get("email")!.def)).toBe("text");
  });

  it("reads in the reader's language", () => {
    const sv = createTranslator(languagePack("sv")).t;
    expect(
      describeCondition({ field: "due_date", op: "between", value: ["2024-05-01", "2024-05-31"] }, fields.get("due_date"), {}, sv),
    ).toBe("Due date mellan 2024-05-01 och 2024-05-31");
    expect(describeCondition({ field: "paid", op: "eq", value: true }, fields.get("paid"), {}, sv)).toBe("Paid är ja");
    expect(operatorLabel("gte", "date", sv)).toBe("tidigast");
  });
});
